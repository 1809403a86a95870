package com.paygate.eventing.deadletter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One record of a dead-letter topic, as an operator sees it: where it sits, what it was, why it was refused and
 * which topic it came from (SmallRye's dead-letter-topic header).
 */
@RegisterForReflection
public record DeadLetterRecord(int partition, long offset, String timestamp, String key, String value, String reason,
        String sourceTopic) {
}
