package com.paygate.notifier.repository;

import com.paygate.eventing.claim.RowClaim;
import com.paygate.notifier.domain.NotificationState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class NotificationLogRepository implements PanacheRepository<NotificationLogEntity> {

    /**
     * Inserts the row unless one for its event id exists; true when this caller inserted it and so owns the send.
     * INSERT IGNORE instead of persist: a duplicate is an expected outcome here, not an error that would poison the
     * session, and two concurrent claims serialize on the unique key.
     */
    public Uni<Boolean> claim(NotificationLogEntity row) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT IGNORE INTO notification_log (event_id, event_type, order_sn, user_id, channel, recipient, state,"
                                + " attempts, next_attempt_at, last_error, payload, created_at, updated_at)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?10, ?11, ?11)")
                .setParameter(1, row.eventId)
                .setParameter(2, row.eventType)
                .setParameter(3, row.orderSn)
                .setParameter(4, row.userId)
                .setParameter(5, row.channel)
                .setParameter(6, row.recipient)
                .setParameter(7, row.state.name())
                .setParameter(8, row.nextAttemptAt)
                .setParameter(9, row.lastError)
                .setParameter(10, row.payload)
                .setParameter(11, row.createdAt)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    public Uni<NotificationLogEntity> findByEventId(String eventId) {
        return find("eventId", eventId).firstResult();
    }

    /** Due open rows, locked for this transaction; rows another replica holds are skipped, not waited for. */
    public Uni<List<NotificationLogEntity>> lockDue(Instant now, int limit) {
        return RowClaim.of("notification_log", NotificationLogEntity.class)
                .candidates("state IN (?1, ?2) AND next_attempt_at <= ?3", NotificationState.PENDING.name(),
                        NotificationState.RETRYING.name(), now)
                .orderBy("next_attempt_at, id").limit(limit)
                .lock();
    }

    public Uni<List<NotificationLogEntity>> forOrder(String orderSn, String userId) {
        return list("orderSn = ?1 and userId = ?2", Sort.by("createdAt").and("id"), orderSn, userId);
    }
}
