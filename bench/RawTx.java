import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database work of one applied callback over plain JDBC, as the machine's own limit: lock the payment row,
 * conditional (versioned) update, a transition row, an outbox row, commit. Same MariaDB, same concurrency.
 *
 *   java -cp mariadb-java-client.jar bench/RawTx.java JDBC_URL USER PASSWORD ROWS THREADS
 */
public class RawTx {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        int rows = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_payment, bench_transition, bench_outbox");
            s.execute("CREATE TABLE bench_payment (id BIGINT AUTO_INCREMENT PRIMARY KEY, pay_sn VARCHAR(32) NOT NULL UNIQUE,"
                    + " state VARCHAR(16) NOT NULL, version BIGINT NOT NULL, amount_fen BIGINT NOT NULL, transaction_id VARCHAR(64),"
                    + " paid_at DATETIME(3), updated_at DATETIME(3) NOT NULL) ENGINE=InnoDB");
            s.execute("CREATE TABLE bench_transition (id BIGINT AUTO_INCREMENT PRIMARY KEY, pay_sn VARCHAR(32) NOT NULL,"
                    + " from_state VARCHAR(16), to_state VARCHAR(16), source VARCHAR(32), at DATETIME(3), INDEX (pay_sn)) ENGINE=InnoDB");
            s.execute("CREATE TABLE bench_outbox (id BIGINT AUTO_INCREMENT PRIMARY KEY, event_id VARCHAR(36) NOT NULL UNIQUE,"
                    + " topic VARCHAR(100), msg_key VARCHAR(100), event_type VARCHAR(64), payload TEXT, created_at DATETIME(3),"
                    + " next_attempt_at DATETIME(3), sent_at DATETIME(3), INDEX (sent_at, next_attempt_at)) ENGINE=InnoDB");
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO bench_payment (pay_sn, state, version, amount_fen, updated_at) VALUES (?, 'NOTPAY', 0, 100, NOW(3))")) {
                for (int i = 0; i < rows; i++) {
                    ins.setString(1, "B" + i);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.commit();
        }
        String payload = "{\"eventId\":\"%s\",\"type\":\"PAYMENT_SUCCEEDED\",\"occurredAt\":\"2026-12-02T10:00:00Z\",\"paySn\":\"%s\","
                + "\"orderSn\":\"386589219599941632\",\"userId\":\"bench-user\",\"amountFen\":100,\"channel\":\"WECHAT_NATIVE\","
                + "\"transactionId\":\"4200000000000000\",\"paidAt\":\"2026-12-02T10:00:00Z\"}";
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    c.setAutoCommit(false);
                    PreparedStatement lock = c.prepareStatement("SELECT id, state, version FROM bench_payment WHERE pay_sn = ? FOR UPDATE");
                    PreparedStatement update = c.prepareStatement("UPDATE bench_payment SET state = 'SUCCESS', version = version + 1,"
                            + " transaction_id = ?, paid_at = ?, updated_at = ? WHERE id = ? AND version = ?");
                    PreparedStatement transition = c.prepareStatement(
                            "INSERT INTO bench_transition (pay_sn, from_state, to_state, source, at) VALUES (?, 'NOTPAY', 'SUCCESS', 'NOTIFY', ?)");
                    PreparedStatement outbox = c.prepareStatement("INSERT INTO bench_outbox (event_id, topic, msg_key, event_type, payload,"
                            + " created_at, next_attempt_at) VALUES (?, 'payment-events', ?, 'PAYMENT_SUCCEEDED', ?, ?, ?)");
                    int i;
                    while ((i = next.getAndIncrement()) < rows) {
                        String paySn = "B" + i;
                        Timestamp now = Timestamp.from(Instant.now());
                        lock.setString(1, paySn);
                        long id;
                        long version;
                        try (ResultSet r = lock.executeQuery()) {
                            r.next();
                            id = r.getLong(1);
                            version = r.getLong(3);
                        }
                        update.setString(1, "4200" + i);
                        update.setTimestamp(2, now);
                        update.setTimestamp(3, now);
                        update.setLong(4, id);
                        update.setLong(5, version);
                        update.executeUpdate();
                        transition.setString(1, paySn);
                        transition.setTimestamp(2, now);
                        transition.executeUpdate();
                        String eventId = UUID.randomUUID().toString();
                        outbox.setString(1, eventId);
                        outbox.setString(2, "386589219599941632");
                        outbox.setString(3, String.format(payload, eventId, paySn));
                        outbox.setTimestamp(4, now);
                        outbox.setTimestamp(5, now);
                        outbox.executeUpdate();
                        c.commit();
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("raw_tx=%d threads=%d seconds=%.2f raw_tx_per_s=%.1f%n", done.get(), threads, seconds, done.get() / seconds);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_payment, bench_transition, bench_outbox");
        }
    }
}
