package com.paygate.eventing.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native statements that need no session, run on the reactive pool itself instead of through Hibernate Reactive:
 * reads, and writes that are one statement, atomic on their own (autocommit).
 *
 * <p>Why: Hibernate Reactive 3.2 wraps each native select's result mapping in an object without {@code equals}, so
 * Hibernate's query plan cache files every execution as a new query, all under the SQL's one hash. The relay and the
 * jobs run the same few reads thousands of times: the cache (2,048 plans) filled with copies that each lookup walked
 * one by one, and the HQL plans were pushed out and translated again. Reads that belong to a transaction stay in its
 * session and bind a list ({@code IN (?1)}), which Hibernate never caches. A one-statement write here also saves
 * what a transaction through Hibernate costs around it: a session, BEGIN and COMMIT (three round trips for one).
 *
 * <p>The SQL uses Hibernate's numbered parameters ({@code ?1}, {@code ?2}, possibly repeated; never inside a string
 * literal), so a query reads the same whichever way it runs; an {@link Instant} is written as UTC, as
 * {@code quarkus.hibernate-orm.jdbc.timezone} stores it.
 */
@ApplicationScoped
public class PlainSql {

    private static final Pattern NUMBERED = Pattern.compile("\\?(\\d+)");

    private final Pool pool;
    private final Map<String, Statement> statements = new ConcurrentHashMap<>();

    public PlainSql(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code sql} on a pooled connection of its own (autocommit); a wrong call is a failed Uni, not a throw. */
    public Uni<RowSet<Row>> query(String sql, Object... params) {
        return Uni.createFrom().deferred(() -> {
            Statement statement = statements.computeIfAbsent(sql, Statement::parse);
            List<Object> values = new ArrayList<>(statement.order.size());
            for (int number : statement.order) {
                if (number < 1 || number > params.length) {
                    throw new IllegalArgumentException("?" + number + " has no value (" + params.length + " given): " + sql);
                }
                values.add(toSql(params[number - 1]));
            }
            return pool.preparedQuery(statement.sql).execute(Tuple.from(values));
        });
    }

    /** Runs a one-statement write {@code sql} (autocommit) and answers how many rows it changed. */
    public Uni<Integer> update(String sql, Object... params) {
        return query(sql, params).map(RowSet::rowCount);
    }

    /** The first column of each row as a long (ids, counts). */
    public static List<Long> longs(RowSet<Row> rows) {
        List<Long> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(row.getLong(0));
        }
        return out;
    }

    /** Only what binds here as Hibernate binds it; anything else (lists, enums, durations) is refused, not guessed. */
    private static Object toSql(Object value) {
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("PlainSql binds strings, integers, booleans and instants, not "
                + value.getClass().getName());
    }

    /** The SQL with positional markers, and which numbered parameter each marker takes. */
    private record Statement(String sql, List<Integer> order) {
        static Statement parse(String numbered) {
            List<Integer> order = new ArrayList<>();
            Matcher m = NUMBERED.matcher(numbered);
            StringBuilder sql = new StringBuilder();
            while (m.find()) {
                order.add(Integer.parseInt(m.group(1)));
                m.appendReplacement(sql, "?");
            }
            m.appendTail(sql);
            return new Statement(sql.toString(), List.copyOf(order));
        }
    }
}
