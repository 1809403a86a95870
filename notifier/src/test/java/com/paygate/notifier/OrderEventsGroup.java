package com.paygate.notifier;

import com.paygate.testing.RunConsumerGroup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The app under test reads order-events in a consumer group of this run's own, from the topic's end, not in the
 * production group: a notifier of another run on the shared broker (an e2e platform, another checkout) cannot take
 * this run's events, and this run does not message anyone about earlier runs' orders. Not restricted, so it applies
 * to every test of the module.
 */
@QuarkusTestResource(value = RunConsumerGroup.class, initArgs = {
        @ResourceArg(name = "channel", value = "order-events"),
        @ResourceArg(name = "topic", value = "order-events"),
        @ResourceArg(name = "group", value = "notifier-service-test") })
public final class OrderEventsGroup {

    private OrderEventsGroup() {
    }
}
