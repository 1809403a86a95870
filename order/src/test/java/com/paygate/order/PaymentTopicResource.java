package com.paygate.order;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates {@link OrderTestSupport#PAYMENT_TOPIC} before the app (or the packaged jar) starts: the test broker does
 * not create topics on first use. Not restricted, so it applies to every {@code @QuarkusTest} and
 * {@code @QuarkusIntegrationTest} of the module.
 */
@QuarkusTestResource(PaymentTopicResource.class)
public class PaymentTopicResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9094"));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(OrderTestSupport.PAYMENT_TOPIC, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + OrderTestSupport.PAYMENT_TOPIC, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
