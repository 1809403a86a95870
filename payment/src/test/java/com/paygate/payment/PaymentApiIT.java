package com.paygate.payment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The payments API against the packaged jar: what runs in production is what is tested. */
@QuarkusIntegrationTest
class PaymentApiIT extends PaymentApiTest {
}
