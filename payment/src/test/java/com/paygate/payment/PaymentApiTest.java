package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.payment.support.Api;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Creating and reading payments: prepay per channel against the sandbox's signature-checking WeChat Pay, order checks.
 * Through HTTP only (no beans, no database access from the test), so {@link PaymentApiIT} runs it against the jar.
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class PaymentApiTest {


    @Test
    void aUserWhoseOpenidIsTheMiniProgramsPaysJsapiInThatAppid() throws Exception {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 990, "WAIT_PAY");
        Api.createPayment(DevTokens.userInApp(user, "oMini" + user, "not-bound"), orderSn, "WECHAT_JSAPI")
                .then().statusCode(422).body("code", equalTo("PAYER_APP_UNKNOWN"));
        JsonPath created = Api.createPayment(DevTokens.userInApp(user, "oMini" + user, "miniprogram"), orderSn, "WECHAT_JSAPI")
                .then().statusCode(201).body("prepay.appId", equalTo(Sandbox.miniprogramAppId())).extract().jsonPath();
        assertEquals(Sandbox.miniprogramAppId(), Sandbox.trade(created.getString("paySn")).getString("appId"),
                "prepaid in the appid the openid belongs to");
        String message = Sandbox.miniprogramAppId() + "\n" + created.getString("prepay.timeStamp") + "\n"
                + created.getString("prepay.nonceStr") + "\n" + created.getString("prepay.package") + "\n";
        assertTrue(new RSAVerifier(Sandbox.wechatMerchantPublicKey(), Sandbox.wechatMerchantSerial())
                .verify(Sandbox.wechatMerchantSerial(), message, created.getString("prepay.paySign")));
    }

    @Test
    void jsapiPrepayIsSignedAndPaySignVerifiesWithTheMerchantKey() throws Exception {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 1990, "WAIT_PAY");
        JsonPath created = Api.createPayment(DevTokens.user(user, "oOpenid" + user), orderSn, "WECHAT_JSAPI")
                .then().statusCode(201)
                .body("orderSn", equalTo(orderSn)).body("channel", equalTo("WECHAT_JSAPI"))
                .body("state", equalTo("NOTPAY")).body("amountFen", equalTo(1990))
                .body("paySn", matchesPattern("[A-Za-z0-9]{6,32}"))
                .body("prepay.appId", equalTo(Sandbox.wechatAppId())).body("prepay.signType", equalTo("RSA"))
                .body("prepay.package", startsWith("prepay_id=wx"))
                .extract().jsonPath();
        String paySn = created.getString("paySn");

        // The official SDK verifies our paySign with the merchant public key over appId\ntimeStamp\nnonceStr\npackage\n.
        String message = Sandbox.wechatAppId() + "\n" + created.getString("prepay.timeStamp") + "\n"
                + created.getString("prepay.nonceStr") + "\n" + created.getString("prepay.package") + "\n";
        RSAVerifier oracle = new RSAVerifier(Sandbox.wechatMerchantPublicKey(), Sandbox.wechatMerchantSerial());
        assertTrue(oracle.verify(Sandbox.wechatMerchantSerial(), message, created.getString("prepay.paySign")));

        // What WeChat received (the sandbox accepted only a correctly signed request): amount from the order, payer
        // openid from the token, our notify URL, our merchant and app.
        JsonPath trade = Sandbox.trade(paySn);
        assertEquals("JSAPI", trade.getString("tradeType"));
        assertEquals("prepay_id=" + trade.getString("checkoutId"), created.getString("prepay.package"));
        assertEquals(1990, trade.getLong("totalFen"));
        assertEquals("oOpenid" + user, trade.getString("payerOpenid"));
        assertEquals("http://127.0.0.1:" + io.restassured.RestAssured.port + "/notify/wechat/pay", trade.getString("notifyUrl"),
                "the URL of this very server, on the free port it listens on");
        assertEquals(Sandbox.wechatMchId(), trade.getString("merchantId"));
        assertEquals(Sandbox.wechatAppId(), trade.getString("appId"));

        // A repeated POST while the prepay is valid answers the same payment, 200, without calling WeChat: with every
        // provider call failing it still succeeds.
        try {
            Sandbox.faults(Map.of("apiErrorRate", 1.0));
            Api.createPayment(DevTokens.user(user, "oOpenid" + user), orderSn, "WECHAT_JSAPI")
                    .then().statusCode(200).body("paySn", equalTo(paySn)).body("prepay.package", equalTo(created.getString("prepay.package")));
        } finally {
            Sandbox.resetFaults();
        }
    }

    @Test
    void h5SendsTheForwardedClientAsPayerIpOnlyWhenATrustedProxyForwardedIt() throws Exception {
        // The test profile trusts 127.0.0.2 as the ingress: its X-Forwarded-For names the payer.
        JsonPath viaProxy = Sandbox.trade(h5Payment(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", InetAddress.getByName("127.0.0.2")))));
        assertEquals("MWEB", viaProxy.getString("tradeType"));
        assertEquals("203.0.113.7", viaProxy.getString("payerClientIp"));
        // Any other client can write the header too: it is ignored and the connection's address is sent.
        JsonPath direct = Sandbox.trade(h5Payment(RestAssuredConfig.config()));
        assertEquals("127.0.0.1", direct.getString("payerClientIp"));
    }

    private static String h5Payment(RestAssuredConfig connection) {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 500, "WAIT_PAY");
        // The sandbox refuses H5 without scene_info.h5_info.type, so a 201 also shows that was sent.
        return given().config(connection).header("Authorization", DevTokens.bearer(DevTokens.user(user)))
                .header("X-Forwarded-For", "203.0.113.7").contentType("application/json")
                .body("{\"orderSn\":\"" + orderSn + "\",\"channel\":\"WECHAT_H5\",\"returnUrl\":\"https://shop.example/r\"}")
                .post("/api/payments")
                .then().statusCode(201).body("prepay.h5Url", startsWith(Sandbox.url() + "/sandbox/checkout/wechat-h5/"))
                .extract().path("paySn");
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIsRefused() {
        for (String audience : new String[] {"another-platform", null}) {
            given().header("Authorization", DevTokens.bearer(DevTokens.forAudience("u-aud", audience)))
                    .get("/api/payments?orderSn=O-any").then().statusCode(401);
        }
        given().header("Authorization", DevTokens.bearer(DevTokens.user("u-aud")))
                .get("/api/payments?orderSn=O-any").then().statusCode(200);
    }

    @Test
    void nativeAnswersCodeUrlAndTheOwnerCanReadAndList() {
        String[] p = Api.nativePayment(888);
        String token = DevTokens.user(p[0]);
        Api.getPayment(token, p[2]).then().statusCode(200)
                .body("paySn", equalTo(p[2])).body("orderSn", equalTo(p[1])).body("state", equalTo("NOTPAY"))
                .body("amountFen", equalTo(888)).body("channel", equalTo("WECHAT_NATIVE"));
        given().header("Authorization", DevTokens.bearer(token)).queryParam("orderSn", p[1]).get("/api/payments")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].paySn", equalTo(p[2]));
        // Someone else sees nothing.
        Api.getPayment(DevTokens.user(Api.unique("x")), p[2]).then().statusCode(404).body("code", equalTo("PAYMENT_NOT_FOUND"));
        given().header("Authorization", DevTokens.bearer(DevTokens.user(Api.unique("x")))).queryParam("orderSn", p[1])
                .get("/api/payments").then().statusCode(200).body("$", hasSize(0));
        assertEquals("NATIVE", Sandbox.trade(p[2]).getString("tradeType"), "the Native prepay reached WeChat");
    }

    @Test
    void orderChecks() {
        String user = Api.unique("u");
        String token = DevTokens.user(user, "openid1");
        // unknown order, someone else's order
        Api.createPayment(token, Api.unique("O"), "WECHAT_NATIVE").then().statusCode(404).body("code", equalTo("ORDER_NOT_FOUND"));
        String foreign = Api.unique("O");
        OrderServiceDouble.seedOrder(foreign, Api.unique("other"), 100, "WAIT_PAY");
        Api.createPayment(token, foreign, "WECHAT_NATIVE").then().statusCode(404);
        // The order service answers someone else's order to this caller (an ownership bug there): payment's own
        // check still refuses it, and nothing reaches WeChat.
        String leaked = Api.unique("O");
        OrderServiceDouble.seedOrderAnsweredToAnyone(leaked, Api.unique("owner"), 100);
        Api.createPayment(token, leaked, "WECHAT_NATIVE").then().statusCode(404).body("code", equalTo("ORDER_NOT_FOUND"));
        given().header("Authorization", DevTokens.bearer(token)).queryParam("orderSn", leaked)
                .get("/api/payments").then().statusCode(200).body("$", hasSize(0));
        // not payable
        String cancelled = Api.unique("O");
        OrderServiceDouble.seedOrder(cancelled, user, 100, "CANCELLED");
        Api.createPayment(token, cancelled, "WECHAT_NATIVE").then().statusCode(409).body("code", equalTo("ORDER_NOT_PAYABLE"));
        // JSAPI needs the openid claim
        String order = Api.unique("O");
        OrderServiceDouble.seedOrder(order, user, 100, "WAIT_PAY");
        Api.createPayment(DevTokens.user(user), order, "WECHAT_JSAPI").then().statusCode(400).body("code", equalTo("OPENID_REQUIRED"));
        // unknown channel and missing fields are 400
        Api.createPayment(token, order, "BITCOIN").then().statusCode(400);
        // an enum is named, never an ordinal: "channel": 1 used to open a WECHAT_H5 payment
        given().header("Authorization", DevTokens.bearer(token)).contentType("application/json")
                .body("{\"orderSn\":\"" + order + "\",\"channel\":1}").post("/api/payments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_BODY")).body("errors.field", org.hamcrest.Matchers.hasItem("channel"));
        // broken JSON is named as such, not a bare "Bad Request"
        given().header("Authorization", DevTokens.bearer(token)).contentType("application/json")
                .body("{\"orderSn\":").post("/api/payments")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"));
        given().header("Authorization", DevTokens.bearer(token)).contentType("application/json").body("{\"channel\":\"WECHAT_H5\"}")
                .post("/api/payments").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("orderSn"));
        // no token
        given().contentType("application/json").body("{}").post("/api/payments").then().statusCode(401);
        // the order service is down: 503 problem, not 500
        Api.createPayment(token, OrderServiceDouble.ORDER_SERVICE_DOWN, "WECHAT_NATIVE").then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("ORDER_SERVICE_UNAVAILABLE"));
    }

    @Test
    void aPaidOrderGets409() {
        String[] p = Api.nativePayment(300);
        Sandbox.pay(p[2]); // the payer pays; the sandbox notifies like WeChat
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "SUCCESS".equals(Api.getPayment(DevTokens.user(p[0]), p[2]).then().extract().path("state")));
        Api.createPayment(DevTokens.user(p[0]), p[1], "WECHAT_H5").then().statusCode(409).body("code", equalTo("ORDER_ALREADY_PAID"));
    }

    @Test
    void aPrepayAnswerWhoseSignatureDoesNotVerifyHandsOutNothing() {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 710, "WAIT_PAY");
        try {
            // WeChat created the prepay, but the answer's Wechatpay-Signature is not the platform's: its code_url
            // could be anyone's, so the payer is not sent there.
            Sandbox.faults(Map.of("badAnswerSignature", true));
            Api.createPayment(DevTokens.user(user), orderSn, "WECHAT_NATIVE").then()
                    .statusCode(org.hamcrest.Matchers.anyOf(equalTo(502), equalTo(503)))
                    .contentType("application/problem+json").body("prepay", org.hamcrest.Matchers.nullValue());
        } finally {
            Sandbox.resetFaults();
        }
        Api.createPayment(DevTokens.user(user), orderSn, "WECHAT_NATIVE").then().statusCode(201)
                .body("prepay.codeUrl", startsWith("weixin://"));
    }

    @Test
    void providerFailureIsA503AndTheRetryReusesThePayment() {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 700, "WAIT_PAY");
        try {
            Sandbox.faults(Map.of("apiErrorRate", 1.0)); // every call answers 500 SYSTEM_ERROR: the caller sees it
            Api.createPayment(DevTokens.user(user), orderSn, "WECHAT_NATIVE").then().statusCode(503)
                    .contentType("application/problem+json").body("code", equalTo("PROVIDER_UNAVAILABLE"));
        } finally {
            Sandbox.resetFaults();
        }
        String paySn = Api.createPayment(DevTokens.user(user), orderSn, "WECHAT_NATIVE").then().statusCode(201)
                .body("prepay.codeUrl", startsWith("weixin://")).extract().path("paySn");
        List<Map<String, Object>> all = given().header("Authorization", DevTokens.bearer(DevTokens.user(user)))
                .queryParam("orderSn", orderSn).get("/api/payments").then().statusCode(200).extract().jsonPath().getList("");
        assertEquals(1, all.size(), "the failed attempt left no second payment behind");
        assertEquals(paySn, all.get(0).get("paySn"));
        assertNull(all.get(0).get("transactionId"));
    }
}
