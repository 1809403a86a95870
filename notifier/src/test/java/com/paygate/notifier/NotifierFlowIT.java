package com.paygate.notifier;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The notifier flow against the packaged jar: what runs in production is what is tested. */
@QuarkusIntegrationTest
class NotifierFlowIT extends NotifierFlowTest {
}
