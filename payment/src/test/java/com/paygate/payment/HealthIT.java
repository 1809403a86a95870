package com.paygate.payment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Health, metrics and OpenAPI of the packaged jar. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
