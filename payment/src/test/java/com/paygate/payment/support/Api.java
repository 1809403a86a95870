package com.paygate.payment.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.paygate.testing.DevTokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;

/** Calls to the payment API as a given user. */
public final class Api {

    private Api() {
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static Response createPayment(String token, String orderSn, String channel) {
        return given().header("Authorization", DevTokens.bearer(token)).contentType("application/json")
                .body("{\"orderSn\":\"" + orderSn + "\",\"channel\":\"" + channel + "\"}")
                .post("/api/payments");
    }

    public static Response getPayment(String token, String paySn) {
        return given().header("Authorization", DevTokens.bearer(token)).get("/api/payments/" + paySn);
    }

    /** A user with an order of {@code amountFen} and a Native payment for it (NOTPAY, prepay done). */
    public static String[] nativePayment(long amountFen) {
        String user = unique("u");
        String orderSn = unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, amountFen, "WAIT_PAY");
        String paySn = createPayment(DevTokens.user(user), orderSn, "WECHAT_NATIVE").then().statusCode(201)
                .extract().path("paySn");
        return new String[] { user, orderSn, paySn };
    }

    /**
     * The payer polls payment {@code p} ({user, orderSn, paySn}) three times, each past payment.active-query-after
     * (1 s in tests) so that each poll asks the provider again, and reads NOTPAY every time: whatever the provider
     * answered was not believed.
     */
    public static void pollsStayNotPaid(String[] p) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200).body("state", equalTo("NOTPAY"));
            Thread.sleep(1200);
        }
    }

    /** The payer polls until payment {@code p} reads SUCCESS: the provider's honest answer is booked. */
    public static void awaitPolledSuccess(String[] p) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200).body("state", equalTo("SUCCESS")));
    }
}
