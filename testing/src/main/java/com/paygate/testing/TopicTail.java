package com.paygate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic as it grows from the moment a test started: the end offsets of its partitions are taken when the tail is
 * made, and reads start there, never at the broker's whole history. The one way tests read topics.
 *
 * <p>{@link #settled} is the "exactly once" read: it waits for the records a test expects, then reads on to the
 * topic's end offsets and until no record with the key has arrived for a quiet window longer than the relays' and
 * consumers' own timers, so a duplicate published a few polls later is counted too.
 */
public final class TopicTail {

    /** Longer than every timer that could publish a duplicate in tests (relay poll 1 s, consumer retry back-off 1 s). */
    public static final Duration QUIET = Duration.ofSeconds(2);

    private final String bootstrapServers;
    private final String topic;
    private final Map<TopicPartition, Long> start;

    private TopicTail(String bootstrapServers, String topic, Map<TopicPartition, Long> start) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.start = start;
    }

    /** {@code topic} on the broker of the application under test, from its end offsets now. */
    public static TopicTail startingNow(String topic) {
        return startingNow(Topics.bootstrapServers(), topic);
    }

    public static TopicTail startingNow(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist on " + bootstrapServers);
            }
            List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new TopicTail(bootstrapServers, topic, Map.copyOf(consumer.endOffsets(all, Duration.ofSeconds(10))));
        }
    }

    /** Records with {@code key} since the start, as soon as {@code done} holds (or what arrived when time ran out). */
    public List<ConsumerRecord<String, String>> until(String key, Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        return read(key::equals, done, timeout, Duration.ZERO);
    }

    /**
     * Records with {@code key} since the start once {@code done} holds and the topic has settled: read to its end
     * offsets and then until nothing new with the key arrived for {@link #QUIET}. Count these to assert exactly once.
     */
    public List<ConsumerRecord<String, String>> settled(String key, Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        return read(key::equals, done, timeout, QUIET);
    }

    /** Everything with {@code key} once the topic has settled (an empty list: nothing was published for it). */
    public List<ConsumerRecord<String, String>> settled(String key) {
        return read(key::equals, found -> true, QUIET.multipliedBy(3), QUIET);
    }

    /** {@link #settled(String)} for many keys in one read: each key's records (a key with none is absent). */
    public Map<String, List<ConsumerRecord<String, String>>> settled(Collection<String> keys) {
        Set<String> wanted = Set.copyOf(keys);
        return read(wanted::contains, found -> true, QUIET.multipliedBy(3), QUIET).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key));
    }

    /** How many of {@code records} have the JSON {@code "type"} given (a plain text match: event bodies are ours). */
    public static long ofType(List<ConsumerRecord<String, String>> records, String type) {
        return records.stream().filter(r -> r.value() != null && r.value().contains("\"type\":\"" + type + "\"")).count();
    }

    private List<ConsumerRecord<String, String>> read(Predicate<String> keyMatches, Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout, Duration quiet) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietSince = System.nanoTime();
            boolean satisfied = false;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && keyMatches.test(record.key())) {
                        found.add(record);
                        quietSince = System.nanoTime();
                    }
                }
                // The quiet window runs from the last record with the key (or from the start if none came).
                satisfied = satisfied || done.test(found);
                if (satisfied && System.nanoTime() - quietSince >= quiet.toNanos() && caughtUp(consumer)) {
                    return found;
                }
            }
        }
        return found;
    }

    private boolean caughtUp(KafkaConsumer<String, String> consumer) {
        Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet(), Duration.ofSeconds(10));
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public String toString() {
        return topic + " from " + start.entrySet().stream().map(e -> e.getKey().partition() + "@" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
