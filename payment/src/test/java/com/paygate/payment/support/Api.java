package com.paygate.payment.support;

import static io.restassured.RestAssured.given;

import com.paygate.testing.DevTokens;
import io.restassured.response.Response;
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
}
