package com.paygate.order;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProductResourceTest} against the packaged jar. */
@QuarkusIntegrationTest
class ProductResourceIT extends ProductResourceTest {
}
