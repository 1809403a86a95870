package com.paygate.eventing.outbox;

import com.paygate.testing.KafkaProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Gives the relay under test a broker of its own that the test can take down and bring back. */
public class KafkaOutageResource implements QuarkusTestResourceLifecycleManager {

    static KafkaProcess kafka;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target"), "kafka-outage-");
            kafka = KafkaProcess.start(dir.toAbsolutePath());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(OutboxRelayOutageTest.TOPIC, 1, (short) 1))).all().get();
            }
            // Channel-level: wins over a KAFKA_BOOTSTRAP_SERVERS in the environment, which points at the shared broker.
            return Map.of("mp.messaging.outgoing.outbox.bootstrap.servers", kafka.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test's own Kafka broker", e);
        }
    }

    @Override
    public void stop() {
        try {
            kafka.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
