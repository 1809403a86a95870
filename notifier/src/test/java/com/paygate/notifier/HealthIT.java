package com.paygate.notifier;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Health, metrics and OpenAPI of the packaged jar. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
