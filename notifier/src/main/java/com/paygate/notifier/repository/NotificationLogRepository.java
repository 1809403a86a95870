package com.paygate.notifier.repository;

import com.paygate.eventing.claim.RowClaim;
import com.paygate.eventing.sql.PlainSql;
import com.paygate.notifier.domain.NotificationState;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class NotificationLogRepository implements PanacheRepository<NotificationLogEntity> {

    private final PlainSql sql;

    public NotificationLogRepository(PlainSql sql) {
        this.sql = sql;
    }

    /**
     * Inserts the row unless one for its event id exists; true when this caller inserted it and so owns the send.
     * INSERT IGNORE instead of persist: a duplicate is an expected outcome here, not an error, and two concurrent
     * claims serialize on the unique key. One statement, so it needs no transaction or session around it.
     */
    public Uni<Boolean> claim(NotificationLogEntity row) {
        return sql.update("INSERT IGNORE INTO notification_log (event_id, event_type, order_sn, user_id, channel, recipient,"
                        + " state, attempts, next_attempt_at, last_error, payload, created_at, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?10, ?11, ?11)",
                        row.eventId, row.eventType, row.orderSn, row.userId, row.channel, row.recipient, row.state.name(),
                        row.nextAttemptAt, row.lastError, row.payload, row.createdAt)
                .map(inserted -> inserted == 1);
    }

    /**
     * Records a sent attempt of a still-open row in one conditional statement: the outcome of nearly every message,
     * so it skips the read, the session and the transaction the other outcomes take. False if the row was no longer
     * open (another attempt settled it).
     */
    public Uni<Boolean> markSent(String eventId, int attempt, String providerMessageId, Instant now) {
        return sql.update("UPDATE notification_log SET state = ?1, attempts = ?2, sent_at = ?3, updated_at = ?3,"
                        + " next_attempt_at = NULL, last_error = NULL, provider_msg_id = ?4"
                        + " WHERE event_id = ?5 AND state IN (?6, ?7)",
                        NotificationState.SENT.name(), attempt, now, providerMessageId, eventId,
                        NotificationState.PENDING.name(), NotificationState.RETRYING.name())
                .map(changed -> changed == 1);
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
