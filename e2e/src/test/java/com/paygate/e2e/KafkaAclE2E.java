package com.paygate.e2e;

import static com.paygate.e2e.PaySuccessE2E.call;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.paygate.testing.AppProcess;
import com.paygate.testing.DevTokens;
import com.paygate.testing.RunConsumerGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Kafka locked down as deploy/k8s does it: the test broker's SASL/SCRAM-SHA-512 listener with ACLs (StandardAuthorizer,
 * nothing allowed without an ACL). A payment instance signs in with the client settings the Deployment sets
 * (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG) as a user holding exactly the ACLs of the
 * committed KafkaUser {@code payment}; it becomes ready, publishes a paid order's event that order (plain listener)
 * applies, and consumes order-events in its group. The notifier's identity may not write payment-events, and
 * payment's may not read it.
 */
class KafkaAclE2E extends PlatformE2E {

    private static final Path KAFKA_USERS = Path.of("deploy/k8s/base/platform/kafka-users.yaml");
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";";

    @Test
    void paymentRunsOnTheSaslListenerWithExactlyItsKafkaUserAclsAndOtherIdentitiesAreRefused() throws Exception {
        String sasl = System.getenv().getOrDefault("KAFKA_SASL_BOOTSTRAP_SERVERS", "127.0.0.1:9096");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String paymentUser = "payment-" + run;
        String notifierUser = "notifier-" + run;
        String paymentPassword = UUID.randomUUID().toString();
        String notifierPassword = UUID.randomUUID().toString();
        // The group the KafkaUser names (payment-service), this run's instance of it, starting at the topic's end.
        String group = RunConsumerGroup.atTopicEnd(platform.kafka(), "order-events", "payment-service");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka()))) {
            ScramCredentialInfo scram = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(paymentUser, scram, paymentPassword),
                    new UserScramCredentialUpsertion(notifierUser, scram, notifierPassword))).all().get(30, TimeUnit.SECONDS);
            List<AclBinding> acls = new ArrayList<>(aclsOf("payment", paymentUser, Map.of("payment-service", group)));
            acls.addAll(aclsOf("notifier", notifierUser, Map.of()));
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }

        AppProcess payment = platform.launchVariant("payment-sasl", "payment", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", sasl,
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", SCRAM.formatted(paymentUser, paymentPassword),
                "PAYMENT_CONSUMER_GROUP", group,
                // And the one switch to JSON logs, for a log pipeline (plain text everywhere else in this suite).
                "LOG_JSON", "true"));
        String[] paySn = new String[1];
        try {
            // Ready means its Kafka checks passed over SASL. A paid order: the event goes out through the outbox on
            // the SASL listener, and order, on the plain one, applies it.
            String token = DevTokens.user("e2e-acl-" + run, "o-" + run);
            String orderSn = call("POST", platform.url(platform.orderPort) + "/api/orders", token,
                    Map.of("productId", 3, "quantity", 1), 201).get("orderSn").asText();
            paySn[0] = call("POST", payment.url() + "/api/payments", token,
                    Map.of("orderSn", orderSn, "channel", "WECHAT_NATIVE"), 201).get("paySn").asText();
            call("POST", platform.url(platform.sandboxPort) + "/sandbox/pay", null, Map.of("outTradeNo", paySn[0], "outcome", "SUCCESS"), -1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "WAIT_USE".equals(
                    call("GET", platform.url(platform.orderPort) + "/api/orders/" + orderSn, token, null, 200).get("state").asText()));

            // order's ORDER_PAID on order-events is read by payment's group, which commits its position.
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka()))) {
                Map<TopicPartition, Long> before = committed(admin, group);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> !committed(admin, group).equals(before));
            }
        } finally {
            payment.close();
        }
        String log = Files.readString(platform.work.resolve("payment-sasl.log"), StandardCharsets.UTF_8);
        assertFalse(log.contains(paymentPassword), "the SCRAM password is never logged");
        // LOG_JSON=true: the transition's line is one JSON object whose MDC names the payment and its trace.
        ObjectMapper json = new ObjectMapper();
        JsonNode transition = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("{") && line.contains(paySn[0]) && line.contains("--> SUCCESS")) {
                transition = json.readTree(line);
            }
        }
        assertTrue(transition != null, "a JSON line for the payment's transition");
        assertEquals(paySn[0], transition.path("mdc").path("paySn").asText(), transition.toString());
        assertTrue(transition.path("mdc").path("traceId").asText().matches("[0-9a-f]{32}"), transition.toString());

        // What the ACLs refuse: the notifier's identity writing payment-events, payment's reading it.
        ExecutionException write = assertThrows(ExecutionException.class, () -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(client(sasl, notifierUser, notifierPassword,
                    Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("payment-events", "forged", "{}")).get(20, TimeUnit.SECONDS);
            }
        });
        assertInstanceOf(TopicAuthorizationException.class, write.getCause());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(sasl, paymentUser, paymentPassword,
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, group)), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("payment-events", 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThrows(TopicAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)));
        }
    }

    /** The ACLs the committed KafkaUser {@code name} grants, for {@code principal}; group names replaced as given. */
    private static List<AclBinding> aclsOf(String name, String principal, Map<String, String> groups) throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        try (MappingIterator<JsonNode> users = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(platform.root.resolve(KAFKA_USERS).toFile())) {
            for (JsonNode user : users.readAll()) {
                if (!name.equals(user.path("metadata").path("name").asText())) {
                    continue;
                }
                for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                    ResourceType type = ResourceType.fromString(acl.path("resource").path("type").asText());
                    String resource = type == ResourceType.CLUSTER ? "kafka-cluster" : acl.path("resource").path("name").asText();
                    resource = groups.getOrDefault(resource, resource);
                    for (JsonNode operation : acl.path("operations")) {
                        bindings.add(new AclBinding(new ResourcePattern(type, resource, PatternType.LITERAL),
                                new AccessControlEntry("User:" + principal, "*", AclOperation.fromString(operation.asText()),
                                        AclPermissionType.ALLOW)));
                    }
                }
            }
        }
        assertTrue(bindings.size() > 3, "KafkaUser " + name + " found in " + KAFKA_USERS + ": " + bindings);
        return bindings;
    }

    private static Map<String, Object> client(String bootstrap, String user, String password, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", SCRAM.formatted(user, password)));
        config.putAll(extra);
        return config;
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .forEach((tp, om) -> offsets.put(tp, om == null ? -1 : om.offset()));
        return offsets;
    }
}
