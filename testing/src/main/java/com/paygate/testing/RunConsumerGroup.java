package com.paygate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group of this test run's own for one incoming channel, starting at the topic's end. The shared test
 * broker keeps other runs' records (another checkout's, a platform beside it, yesterday's): a group per run keeps
 * another run's consumer from taking this run's records, and offsets committed at the end before the application
 * starts keep this run from replaying the broker's history, with no window in which a record sent right after start
 * is skipped (as {@code auto.offset.reset=latest} would have).
 *
 * <p>Init args: {@code channel} (the incoming channel), {@code topic} (what it reads in tests), {@code group}
 * (a prefix). The resource sets the channel's {@code group.id} and {@code topic}.
 */
public class RunConsumerGroup implements QuarkusTestResourceLifecycleManager {

    private String channel;
    private String topic;
    private String groupPrefix;

    @Override
    public void init(Map<String, String> initArgs) {
        channel = require(initArgs, "channel");
        topic = require(initArgs, "topic");
        groupPrefix = require(initArgs, "group");
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9094");
        String group = atTopicEnd(bootstrap, topic, groupPrefix);
        String prefix = "mp.messaging.incoming." + channel + ".";
        return Map.of(prefix + "group.id", group, prefix + "topic", topic);
    }

    /** A new group {@code prefix-<uuid>} whose offsets on {@code topic} are its end offsets now; its id. */
    public static String atTopicEnd(String bootstrap, String topic, String prefix) {
        String group = prefix + "-" + UUID.randomUUID();
        Topics.ensureTopic(bootstrap, topic, 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> commit = ends.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, commit).all().get(10, TimeUnit.SECONDS);
            return group;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not start consumer group " + group + " at the end of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // The group's offsets expire with the broker's offsets.retention; nothing else to undo.
    }

    private static String require(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("RunConsumerGroup needs the init arg " + name);
        }
        return value;
    }
}
