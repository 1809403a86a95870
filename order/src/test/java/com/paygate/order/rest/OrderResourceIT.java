package com.paygate.order.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OrderResourceTest} against the packaged jar. */
@QuarkusIntegrationTest
class OrderResourceIT extends OrderResourceTest {
}
