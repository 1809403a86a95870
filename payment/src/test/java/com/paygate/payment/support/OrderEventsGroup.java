package com.paygate.payment.support;

import com.paygate.testing.RunConsumerGroup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The app under test reads order-events in a consumer group of this run's own, from the topic's end: another
 * checkout's run on the shared broker cannot take (and acknowledge with its own code) this run's events, and this
 * run does not replay earlier runs'. Not restricted, so it applies to every test of the module.
 */
@QuarkusTestResource(value = RunConsumerGroup.class, initArgs = {
        @ResourceArg(name = "channel", value = "order-events"),
        @ResourceArg(name = "topic", value = "order-events"),
        @ResourceArg(name = "group", value = "payment-service-test") })
public final class OrderEventsGroup {

    private OrderEventsGroup() {
    }
}
