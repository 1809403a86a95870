package com.paygate.order;

import com.paygate.testing.RunConsumerGroup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The app under test (or the packaged jar) reads {@link OrderTestSupport#PAYMENT_TOPIC} in a consumer group of
 * this run's own, from the topic's end: another order service on the shared broker (an e2e run, a platform beside
 * it) cannot apply this run's events first, and this run does not replay earlier runs'. Not restricted, so it
 * applies to every {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} of the module.
 */
@QuarkusTestResource(value = RunConsumerGroup.class, initArgs = {
        @ResourceArg(name = "channel", value = "payment-events"),
        @ResourceArg(name = "topic", value = OrderTestSupport.PAYMENT_TOPIC),
        @ResourceArg(name = "group", value = "order-service-test") })
public final class PaymentEventsGroup {

    private PaymentEventsGroup() {
    }
}
