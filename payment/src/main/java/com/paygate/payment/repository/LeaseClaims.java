package com.paygate.payment.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How the janitor jobs claim rows, on any number of replicas: candidates come from a plain (non-locking) read, then
 * each is leased through its {@code last_queried_at} column by a conditional UPDATE on its primary key. The database
 * lets exactly one claimer win a row, and only won rows are ever locked, for one statement.
 *
 * <p>Why not {@code SELECT ... FOR UPDATE SKIP LOCKED}: when the optimizer walks the primary key (small tables do),
 * InnoDB locks every row the scan reads, matching or not. The expiry and the query jobs fire together, so each hid
 * the other's rows for the length of its claim, run after run.
 */
public final class LeaseClaims {

    private LeaseClaims() {
    }

    /**
     * Claims up to {@code limit} rows of {@code table} matching {@code where} (positional parameters {@code ?1..?n}
     * bound from {@code whereParams}) whose lease (last_queried_at) is older than {@code lease}; leases them until
     * {@code now + lease} and loads the won rows through {@code load}.
     */
    public static <T> Uni<List<T>> claim(String table, String where, Object[] whereParams, Instant now, Duration lease,
            int limit, Function<List<Long>, Uni<List<T>>> load) {
        int cutoff = whereParams.length + 1;
        String leased = where + " AND (last_queried_at IS NULL OR last_queried_at < ?" + cutoff + ")";
        // Never-tried rows first (NULL sorts first), then the least recently tried: rows that keep failing at the
        // provider go to the back instead of filling every batch ahead of new ones.
        String candidates = "SELECT id FROM " + table + " WHERE " + leased + " ORDER BY last_queried_at, id LIMIT " + limit;
        String take = "UPDATE " + table + " SET last_queried_at = ?" + (cutoff + 1) + " WHERE id = ?" + (cutoff + 2) + " AND " + leased;
        Object[] params = new Object[cutoff + 2];
        System.arraycopy(whereParams, 0, params, 0, whereParams.length);
        params[cutoff - 1] = now.minus(lease);
        params[cutoff] = now;

        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> bind(session.createNativeQuery(candidates, Long.class), params, cutoff).getResultList()))
                .chain(ids -> {
                    Uni<List<Long>> won = Uni.createFrom().item(new ArrayList<>());
                    for (Long id : ids) {
                        Object[] row = params.clone();
                        row[cutoff + 1] = id;
                        won = won.chain(list -> Panache.withTransaction(() -> Panache.getSession()
                                .chain(session -> bind(session.createNativeQuery(take), row, row.length).executeUpdate()))
                                .map(updated -> {
                            if (updated == 1) {
                                list.add(id);
                            }
                            return list;
                        }));
                    }
                    return won;
                })
                .chain(won -> won.isEmpty() ? Uni.createFrom().item(List.<T>of()) : Panache.withSession(() -> load.apply(won)));
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object[] params, int count) {
        for (int i = 0; i < count; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
