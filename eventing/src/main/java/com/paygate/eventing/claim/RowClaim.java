package com.paygate.eventing.claim;

import com.paygate.eventing.sql.PlainSql;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Objects;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How every job claims rows, on any number of replicas (the outbox relay, payment's expiry and query jobs, order's
 * expiry job, the notifier's retry job): candidates come from a plain, non-locking read, then exactly those rows are
 * locked by primary key with {@code FOR UPDATE SKIP LOCKED}, re-checking that they still qualify, and optionally
 * leased by one UPDATE. A row is won by one claimer only, and a claim locks nothing but the rows it reads by key.
 *
 * <p>Why not {@code SELECT ... WHERE <condition> FOR UPDATE SKIP LOCKED} directly: when the optimizer walks an index
 * that does not match the condition exactly (the primary key of a small table, say), InnoDB locks every row the scan
 * reads, matching or not, so two jobs firing together hid each other's rows for the length of their claims.
 *
 * <p>Two ways to hold a claim: {@link #lock()} inside the caller's transaction (the work is done under the row lock,
 * as order's expiry moves the order in the same transaction), or {@link #claim()} in a transaction of its own that
 * writes a lease ({@link #lease}) and commits, so the slow work (a provider call, a Kafka send) runs without locks
 * and the lease keeps other replicas off until it ends.
 *
 * <pre>{@code
 * RowClaim.of("outbox_event", OutboxEvent.class)
 *         .candidates("sent_at IS NULL AND next_attempt_at <= ?1", now)
 *         .orderBy("id").limit(100)
 *         .lease("next_attempt_at = ?1", leaseEnd)
 *         .claim();
 * }</pre>
 * SQL fragments are native SQL written by us with positional parameters {@code ?1..?n}, never input.
 */
public final class RowClaim<T> {

    /** Candidates read per row wanted: enough to get past rows another replica holds right now. */
    private static final int OVERREAD = 3;

    private final String table;
    private final Class<T> entity;
    private String candidates;
    private Object[] candidateParams = new Object[0];
    private String stillQualifies;
    private Object[] stillQualifiesParams;
    private String orderBy = "id";
    private int limit = 100;
    private String lease;
    private Object[] leaseParams = new Object[0];

    private RowClaim(String table, Class<T> entity) {
        this.table = table;
        this.entity = entity;
    }

    public static <T> RowClaim<T> of(String table, Class<T> entity) {
        return new RowClaim<>(table, entity);
    }

    /** Which rows qualify (a WHERE over {@code table}, unaliased); also re-checked under the lock unless {@link #stillQualifies} says otherwise. */
    public RowClaim<T> candidates(String where, Object... params) {
        this.candidates = where;
        this.candidateParams = params;
        return this;
    }

    /**
     * What is re-checked under the lock, when it differs from the candidates' condition (e.g. the outbox drops its
     * per-key subquery there: a locking read's subquery would lock the rows it reads too).
     */
    public RowClaim<T> stillQualifies(String where, Object... params) {
        this.stillQualifies = where;
        this.stillQualifiesParams = params;
        return this;
    }

    public RowClaim<T> orderBy(String orderBy) {
        this.orderBy = orderBy;
        return this;
    }

    public RowClaim<T> limit(int limit) {
        this.limit = limit;
        return this;
    }

    /** The SET clause that leases the won rows in {@link #claim()} (e.g. {@code last_queried_at = ?1}). */
    public RowClaim<T> lease(String set, Object... params) {
        this.lease = set;
        this.leaseParams = params;
        return this;
    }

    /** Locks the qualifying rows for the caller's transaction (call inside one); the rows come back as managed entities. */
    public Uni<List<T>> lock() {
        return Panache.getSession().chain(session -> lockIds(session)
                .chain(won -> won.isEmpty() ? Uni.createFrom().item(List.<T>of())
                        // A current read of rows this transaction holds: never waits, never sees an old snapshot.
                        : load(session, won, " FOR UPDATE")));
    }

    /** Locks and leases the qualifying rows in a transaction of its own (joins the caller's if there is one). */
    public Uni<List<T>> claim() {
        Objects.requireNonNull(lease, "lease");
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> lockIds(session)
                .chain(won -> won.isEmpty() ? Uni.createFrom().item(List.<T>of())
                        : bind(session.createNativeQuery("UPDATE " + table + " SET " + lease + " WHERE id IN (?"
                                + (leaseParams.length + 1) + ")"), append(leaseParams, won)).executeUpdate()
                        // Read after the UPDATE, so the rows carry the lease this claim holds.
                        .chain(() -> load(session, won, "")))));
    }

    /**
     * The candidates, then those still qualifying locked by key, skipping rows others hold. The candidates are read on
     * a connection of their own: read inside the claiming transaction they would open its snapshot first, and with
     * MariaDB's innodb_snapshot_isolation (on by default from 11.6.2) locking a row changed since then fails the whole
     * claim instead of skipping the row. More candidates than wanted are read, so while another replica holds the
     * first ones, this one takes the next (the lock stops at {@code limit}).
     */
    private Uni<List<Long>> lockIds(Mutiny.Session session) {
        Objects.requireNonNull(candidates, "candidates");
        String read = "SELECT id FROM " + table + " WHERE " + candidates + " ORDER BY " + orderBy + " LIMIT " + (limit * OVERREAD);
        return Arc.container().instance(PlainSql.class).get().query(read, candidateParams)
                .map(PlainSql::longs)
                .chain(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Long>of());
                    }
                    String recheck = stillQualifies != null ? stillQualifies : candidates;
                    Object[] params = append(stillQualifies != null ? stillQualifiesParams : candidateParams, ids);
                    // The id list makes Hibernate skip its plan cache (see PlainSql).
                    return bind(session.createNativeQuery("SELECT id FROM " + table + " WHERE id IN (?" + params.length
                            + ") AND (" + recheck + ") ORDER BY " + orderBy + " LIMIT " + limit + " FOR UPDATE SKIP LOCKED",
                            Long.class), params).getResultList();
                });
    }

    private Uni<List<T>> load(Mutiny.Session session, List<Long> ids, String lockClause) {
        return session.createNativeQuery("SELECT * FROM " + table + " WHERE id IN (?1) ORDER BY " + orderBy + lockClause, entity)
                .setParameter(1, ids)
                .getResultList();
    }

    private static Object[] append(Object[] params, Object last) {
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = last;
        return all;
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object[] params) {
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
