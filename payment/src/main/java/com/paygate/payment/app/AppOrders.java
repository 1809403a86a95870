package com.paygate.payment.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An app's orders as we know them (app_order): the per-order lock of payment creation, and the app's metadata. */
@ApplicationScoped
public class AppOrders {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    // On a duplicate key InnoDB takes the row's exclusive lock: a second request for the order waits here for the first.
    private static final String LOCK = "INSERT INTO app_order (app_id, biz_order_no, metadata, created_at) VALUES (?1, ?2, ?3, ?4)"
            + " ON DUPLICATE KEY UPDATE metadata = COALESCE(VALUES(metadata), metadata)";

    private final ObjectMapper json;

    public AppOrders(ObjectMapper json) {
        this.json = json;
    }

    /** Locks (creating it if new) the app's order for the caller's transaction; metadata, when given, replaces the kept one. */
    public Uni<Void> lock(String appId, String bizOrderNo, Map<String, String> metadata) {
        String stored = metadata == null ? null : write(metadata);
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK)
                .setParameter(1, appId).setParameter(2, bizOrderNo).setParameter(3, stored).setParameter(4, Instant.now())
                .executeUpdate()).replaceWithVoid();
    }

    /** The metadata the app gave for this order; null when none. Runs in the caller's session. */
    public Uni<Map<String, String>> metadata(String appId, String bizOrderNo) {
        return Panache.getSession().chain(session -> session
                // A list parameter keeps this read out of Hibernate's plan cache (see eventing's PlainSql); it runs
                // in the caller's session, which may have just written the row.
                .createNativeQuery("SELECT metadata FROM app_order WHERE app_id = ?1 AND biz_order_no IN (?2)", String.class)
                .setParameter(1, appId).setParameter(2, List.of(bizOrderNo)).getResultList())
                .map((List<String> rows) -> rows.isEmpty() || rows.get(0) == null ? null : read(rows.get(0)));
    }

    private String write(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not writable", e);
        }
    }

    private Map<String, String> read(String stored) {
        try {
            return json.readValue(stored, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not JSON", e);
        }
    }
}
