package com.paygate.eventing.deadletter;

import com.paygate.eventing.EventingConfig;
import com.paygate.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads a dead-letter topic this service owns ({@code paygate.dead-letters.topics}) and replays its records into
 * the topic they came from. Consumers are idempotent (inbox by event id), so a replay is safe to repeat; a record
 * still poison lands in the dead-letter topic again. Blocking Kafka clients: call from a worker thread only.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> connection = new HashMap<>();
    private final Set<String> owned;

    /** The same broker and sign-in (kafka.security.protocol, kafka.sasl.*) as the service's channels. */
    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
            @ConfigProperty(name = "kafka.security.protocol") Optional<String> securityProtocol,
            @ConfigProperty(name = "kafka.sasl.mechanism") Optional<String> saslMechanism,
            @ConfigProperty(name = "kafka.sasl.jaas.config") Optional<String> saslJaasConfig,
            EventingConfig config) {
        connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        securityProtocol.ifPresent(v -> connection.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, v));
        saslMechanism.ifPresent(v -> connection.put(SaslConfigs.SASL_MECHANISM, v));
        saslJaasConfig.ifPresent(v -> connection.put(SaslConfigs.SASL_JAAS_CONFIG, v));
        this.owned = Set.copyOf(config.deadLetters().topics().orElse(List.of()));
    }

    /** The topic's records from the oldest on, at most {@code limit}, optionally only those of one key. */
    public List<DeadLetterRecord> list(String topic, String key, int limit) {
        List<DeadLetterRecord> result = new ArrayList<>();
        for (ConsumerRecord<String, String> r : read(owned(topic))) {
            if (key == null || key.equals(r.key())) {
                result.add(view(r));
                if (result.size() >= limit) {
                    break;
                }
            }
        }
        return result;
    }

    /** Replays one record (partition and offset) or, with both null, every record; answers what was replayed. */
    public List<DeadLetterRecord> replay(String topic, Integer partition, Long offset) {
        List<ConsumerRecord<String, String>> chosen = new ArrayList<>();
        for (ConsumerRecord<String, String> r : read(owned(topic))) {
            if (partition == null || (r.partition() == partition && r.offset() == offset)) {
                chosen.add(r);
            }
        }
        if (partition != null && chosen.isEmpty()) {
            throw ApiException.notFound("DEAD_LETTER_NOT_FOUND", "no record at partition " + partition + " offset " + offset);
        }
        List<DeadLetterRecord> replayed = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            for (ConsumerRecord<String, String> r : chosen) {
                DeadLetterRecord view = view(r);
                if (view.sourceTopic() == null) {
                    LOG.warnf("Dead letter %s-%d@%d has no dead-letter-topic header: not replayed", topic, r.partition(), r.offset());
                    continue;
                }
                ProducerRecord<String, String> again = new ProducerRecord<>(view.sourceTopic(), r.key(), r.value());
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        again.headers().add(h);
                    }
                }
                producer.send(again).get();
                LOG.infof("Dead letter %s-%d@%d replayed into %s", topic, r.partition(), r.offset(), view.sourceTopic());
                replayed.add(view);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.providerUnavailable("interrupted while replaying");
        } catch (java.util.concurrent.ExecutionException e) {
            throw ApiException.providerUnavailable("Kafka refused the replay: " + e.getCause().getMessage());
        }
        return replayed;
    }

    private String owned(String topic) {
        if (!owned.contains(topic)) {
            throw ApiException.notFound("DEAD_LETTER_TOPIC_NOT_FOUND", "this service owns no dead-letter topic " + topic);
        }
        return topic;
    }

    /** Everything in the topic up to its end offsets at the time of the call. */
    private List<ConsumerRecord<String, String>> read(String topic) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(topic, r.partition()))) {
                        records.add(r);
                    }
                }
            }
        }
        records.sort((a, b) -> a.timestamp() != b.timestamp() ? Long.compare(a.timestamp(), b.timestamp())
                : a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
        return records;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    private static DeadLetterRecord view(ConsumerRecord<String, String> r) {
        return new DeadLetterRecord(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()).toString(), r.key(), r.value(),
                header(r, "dead-letter-reason"), header(r, "dead-letter-topic"));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
