package com.paygate.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Readiness is UP only when the real database and broker answer; metrics and OpenAPI are served. */
@QuarkusTest
class HealthTest {

    private static final String KAFKA_CHECK = "SmallRye Reactive Messaging - readiness check";

    @Test
    void readyWithDatabaseAndKafkaChecks() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive MySQL connections health check"))
                // The Kafka check names each consumer (order-events$1..$3: one per partition); the first must be connected.
                .body("checks.find { it.name == '" + KAFKA_CHECK + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + KAFKA_CHECK + "' }.data.'order-events$1'", startsWith("[OK]"));
    }

    @Test
    void prometheusMetricsAndOpenApiAreServed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }
}
