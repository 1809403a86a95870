package com.paygate.order.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OrderRefundTest} against the packaged jar. */
@QuarkusIntegrationTest
class OrderRefundIT extends OrderRefundTest {
}
