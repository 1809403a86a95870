package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.paygate.payment.service.PaymentAlerts;
import com.paygate.payment.support.Api;
import com.paygate.testing.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's view of payment alerts: list with filters, acknowledge once, admin only. */
@QuarkusTest
class PaymentAlertAdminTest {

    @Inject
    PaymentAlerts alerts;

    @Test
    void operatorsListAlertsByKindStateAndPaymentAndAcknowledgeThemOnce() throws Throwable {
        String paySn = Api.unique("P");
        raise(paySn, "AMOUNT_MISMATCH", "provider said 8801 fen, we have 8800");
        raise(paySn, "LATE_SUCCESS", "paid after close");
        raise(paySn, "AMOUNT_MISMATCH", "provider said 8801 fen, we have 8800");

        JsonPath all = admin().queryParam("paySn", paySn).get("/api/admin/payment-alerts").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("AMOUNT_MISMATCH", "LATE_SUCCESS"), all.getList("kind"), "newest seen first, one row per kind");
        assertEquals(2, all.getInt("find { it.kind == 'AMOUNT_MISMATCH' }.occurrences"));
        assertEquals(List.of("OPEN", "OPEN"), all.getList("state"));
        long mismatch = all.getLong("find { it.kind == 'AMOUNT_MISMATCH' }.id");

        admin().contentType("application/json").body("{\"note\":\"refunded the difference by hand\"}")
                .post("/api/admin/payment-alerts/" + mismatch + "/acknowledge").then().statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("ops-alerts"))
                .body("note", equalTo("refunded the difference by hand"));
        // A second click keeps the first acknowledgement.
        admin().contentType("application/json").body("{\"note\":\"again\"}")
                .post("/api/admin/payment-alerts/" + mismatch + "/acknowledge").then().statusCode(200)
                .body("note", equalTo("refunded the difference by hand"));

        JsonPath open = admin().queryParam("paySn", paySn).queryParam("state", "open").get("/api/admin/payment-alerts")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("LATE_SUCCESS"), open.getList("kind"));
        JsonPath mismatches = admin().queryParam("paySn", paySn).queryParam("kind", "AMOUNT_MISMATCH")
                .get("/api/admin/payment-alerts").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("ACKNOWLEDGED"), mismatches.getList("state"));
        assertNotNull(mismatches.getString("[0].acknowledgedAt"));

        // A repeat after the acknowledgement counts, but does not reopen it.
        raise(paySn, "AMOUNT_MISMATCH", "provider said 8801 fen, we have 8800");
        admin().queryParam("paySn", paySn).queryParam("kind", "AMOUNT_MISMATCH").get("/api/admin/payment-alerts").then()
                .body("[0].state", equalTo("ACKNOWLEDGED")).body("[0].occurrences", equalTo(3));
    }

    @Test
    void badRequestsAreProblemsAndOnlyAdminsGetIn() {
        admin().queryParam("state", "CLOSED").get("/api/admin/payment-alerts").then().statusCode(400)
                .body("code", equalTo("INVALID_QUERY_PARAMETER"));
        admin().queryParam("limit", "0").get("/api/admin/payment-alerts").then().statusCode(400)
                .body("code", equalTo("INVALID_QUERY_PARAMETER"));
        admin().contentType("application/json").body("{}").post("/api/admin/payment-alerts/999999999999/acknowledge").then()
                .statusCode(404).body("code", equalTo("ALERT_NOT_FOUND"));
        admin().contentType("application/json").body("{\"note\":\"" + "x".repeat(501) + "\"}")
                .post("/api/admin/payment-alerts/1/acknowledge").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().header("Authorization", DevTokens.bearer(DevTokens.user("not-ops"))).get("/api/admin/payment-alerts").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().get("/api/admin/payment-alerts").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"))
                .body("detail", equalTo("A valid bearer token is required")).body("errors", nullValue());
    }

    /** As the services raise them: on a Vert.x context, through PaymentAlerts. */
    private void raise(String paySn, String kind, String detail) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> alerts.raise(paySn, kind, detail));
        // last_seen_at keeps milliseconds: two raises within one would tie, and "newest first" could not tell them apart.
        Thread.sleep(3);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-alerts")));
    }
}
