package com.paygate.sandbox.wxmsg;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.sandbox.keys.SandboxIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WxMsgApiTest {

    @Inject
    SandboxIdentity identity;

    @AfterEach
    void clearFaults() {
        given().delete("/sandbox/wxmsg/faults").then().statusCode(200);
    }

    private String appId() {
        return identity.id("miniprogram.app-id");
    }

    private String secret() {
        return identity.id("miniprogram.app-secret");
    }

    private String stableToken(boolean force) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credential", "appid", appId(), "secret", secret(), "force_refresh", force))
                .post("/cgi-bin/stable_token")
                .then().statusCode(200).body("expires_in", equalTo(7200)).body("errcode", nullValue())
                .extract().path("access_token");
    }

    private static Map<String, Object> message(String touser, String orderSn) {
        return Map.of("touser", touser, "template_id", "tpl-order-paid", "page", "pages/order/detail?orderSn=" + orderSn,
                "miniprogram_state", "developer", "lang", "zh_CN",
                "data", Map.of("character_string1", Map.of("value", orderSn), "thing2", Map.of("value", "咖啡兑换券"),
                        "amount3", Map.of("value", "¥12.34"), "time5", Map.of("value", "2026-11-24 21:05")));
    }

    private static io.restassured.response.ValidatableResponse send(String token, Object body) {
        return given().contentType(ContentType.JSON).queryParam("access_token", token).body(body)
                .post("/cgi-bin/message/subscribe/send").then().statusCode(200);
    }

    @Test
    void stableTokenIsReusedUntilForcedAndClassicTokenIsAlwaysNew() {
        String first = stableToken(false);
        assertEquals(first, stableToken(false));
        String forced = stableToken(true);
        assertNotEquals(first, forced);

        String classic = given().queryParam("grant_type", "client_credential").queryParam("appid", appId())
                .queryParam("secret", secret()).get("/cgi-bin/token")
                .then().statusCode(200).body("expires_in", equalTo(7200)).extract().path("access_token");
        assertNotEquals(forced, classic);
        send(classic, message("o-" + UUID.randomUUID(), "S" + System.nanoTime())).body("errcode", equalTo(0));
    }

    @Test
    void wrongCredentialsAnswerWechatErrcodes() {
        given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credential", "appid", "wx-not-ours", "secret", secret()))
                .post("/cgi-bin/stable_token")
                .then().statusCode(200).body("errcode", equalTo(40013)).body("access_token", nullValue());
        given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credential", "appid", appId(), "secret", "wrong"))
                .post("/cgi-bin/stable_token")
                .then().statusCode(200).body("errcode", equalTo(40125));
        given().queryParam("grant_type", "client_credential").queryParam("appid", appId()).queryParam("secret", "wrong")
                .get("/cgi-bin/token").then().statusCode(200).body("errcode", equalTo(40125));
        given().queryParam("grant_type", "password").queryParam("appid", appId()).queryParam("secret", secret())
                .get("/cgi-bin/token").then().statusCode(200).body("errcode", equalTo(40002));
    }

    @Test
    void acceptedMessageIsListedWithItsData() {
        String openid = "o-" + UUID.randomUUID();
        String orderSn = "S" + System.nanoTime();
        long msgid = send(stableToken(false), message(openid, orderSn))
                .body("errcode", equalTo(0)).body("errmsg", equalTo("ok")).body("msgid", notNullValue())
                .extract().jsonPath().getLong("msgid");

        long listed = given().queryParam("orderSn", orderSn).get("/sandbox/messages")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].touser", equalTo(openid))
                .body("[0].template_id", equalTo("tpl-order-paid"))
                .body("[0].miniprogram_state", equalTo("developer"))
                .body("[0].data.character_string1", equalTo(orderSn))
                .body("[0].data.amount3", equalTo("¥12.34"))
                .extract().jsonPath().getLong("[0].msgid");
        assertEquals(msgid, listed);
        given().queryParam("touser", openid).get("/sandbox/messages").then().body("", hasSize(1));
        given().queryParam("orderSn", orderSn + "0").get("/sandbox/messages").then().body("", hasSize(0));
    }

    @Test
    void invalidTokenAndInvalidRequestsAreRefusedLikeWechat() {
        String token = stableToken(false);
        String orderSn = "S" + System.nanoTime();
        send("not-a-token", message("o-1", orderSn)).body("errcode", equalTo(40001))
                .body("errmsg", equalTo("invalid credential, access_token is invalid or not latest"));
        send(token, Map.of("template_id", "t", "data", Map.of("thing1", Map.of("value", "x"))))
                .body("errcode", equalTo(47003));
        send(token, Map.of("touser", "o-1", "data", Map.of("thing1", Map.of("value", "x"))))
                .body("errcode", equalTo(40037));
        send(token, message("refused-" + UUID.randomUUID(), orderSn)).body("errcode", equalTo(43101));
        send(token, message("bad-" + UUID.randomUUID(), orderSn)).body("errcode", equalTo(40003));
        Map<String, Object> tooLong = new java.util.HashMap<>(message("o-1", orderSn));
        tooLong.put("data", Map.of("thing2", Map.of("value", "x".repeat(21))));
        send(token, tooLong).body("errcode", equalTo(47003)).body("errmsg", equalTo("argument invalid! data.thing2.value invalid"));
        Map<String, Object> badAmount = new java.util.HashMap<>(message("o-1", orderSn));
        badAmount.put("data", Map.of("amount3", Map.of("value", "12.345")));
        send(token, badAmount).body("errcode", equalTo(47003));

        given().queryParam("orderSn", orderSn).get("/sandbox/messages").then().body("", hasSize(0));
    }

    @Test
    void expireTokensNowForcesARefresh() {
        String token = stableToken(false);
        given().contentType(ContentType.JSON).body(Map.of("expireTokensNow", true)).post("/sandbox/wxmsg/faults")
                .then().statusCode(200);
        send(token, message("o-1", "S" + System.nanoTime())).body("errcode", equalTo(40001));
        String fresh = stableToken(false);
        assertNotEquals(token, fresh);
        send(fresh, message("o-1", "S" + System.nanoTime())).body("errcode", equalTo(0));
        given().get("/sandbox/wxmsg/stats").then().body("staleTokenRejections", greaterThan(0))
                .body("issuedTokens", org.hamcrest.Matchers.hasItem(fresh));
    }

    @Test
    void failNextSendsAnswersSystemErrorThenRecovers() {
        String token = stableToken(false);
        String orderSn = "S" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("failNextSends", 2)).post("/sandbox/wxmsg/faults")
                .then().statusCode(200).body("failNextSends", equalTo(2));
        send(token, message("o-1", orderSn)).body("errcode", equalTo(-1)).body("errmsg", equalTo("system error"));
        send(token, message("o-1", orderSn)).body("errcode", equalTo(-1));
        send(token, message("o-1", orderSn)).body("errcode", equalTo(0));
        given().queryParam("orderSn", orderSn).get("/sandbox/messages").then().body("", hasSize(1));
    }

    @Test
    void failNextSendsCanBeScopedToOneOpenid() {
        String token = stableToken(false);
        String unlucky = "o-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("failNextSends", 1, "touser", unlucky)).post("/sandbox/wxmsg/faults")
                .then().statusCode(200).body("failNextSends", equalTo(0));
        send(token, message("o-" + UUID.randomUUID(), "S" + System.nanoTime())).body("errcode", equalTo(0));
        send(token, message(unlucky, "S" + System.nanoTime())).body("errcode", equalTo(-1));
        send(token, message(unlucky, "S" + System.nanoTime())).body("errcode", equalTo(0));
    }

    @Test
    void delayIsAppliedAndClearedByDelete() {
        String token = stableToken(false);
        given().contentType(ContentType.JSON).body(Map.of("delayMs", 700)).post("/sandbox/wxmsg/faults").then().statusCode(200);
        long start = System.nanoTime();
        send(token, message("o-1", "S" + System.nanoTime())).body("errcode", equalTo(0));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 650, "the send should have been delayed");

        given().delete("/sandbox/wxmsg/faults").then().statusCode(200).body("delayMs", equalTo(0))
                .body("failNextSends", equalTo(0)).body("tokensIssued", not(equalTo(0)));
    }
}
