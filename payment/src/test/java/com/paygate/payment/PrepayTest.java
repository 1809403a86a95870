package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.payment.domain.Payment;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a prepay holds and how long it is handed out, per channel, against the real sandbox. */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class PrepayTest {

    /** 100 Chinese characters: url-encoded in a signed Alipay URL alone they take 900 bytes. */
    private static final String LONG_TITLE = "海景民宿两晚连住含早餐".repeat(9) + "加";
    private static final String LONG_RETURN_URL = returnUrl(512);

    @Test
    void everyChannelTakesALongChineseTitleAndAReturnUrlOfTheAllowedLength() {
        assertEquals(100, LONG_TITLE.length());
        for (String channel : List.of("WECHAT_JSAPI", "WECHAT_H5", "WECHAT_NATIVE", "ALIPAY_WAP", "ALIPAY_QR", "ALIPAY_PC")) {
            String user = Api.unique("u");
            String orderSn = Api.unique("O");
            OrderServiceDouble.seedOrder(orderSn, user, 6600, "WAIT_PAY", LONG_TITLE);
            Response created = create(DevTokens.user(user, "oOpenid" + user), orderSn, channel, LONG_RETURN_URL);
            created.then().statusCode(201).body("channel", equalTo(channel));
            Payment p = Db.payment(created.path("paySn"));
            assertEquals(LONG_TITLE, p.subject, channel);
            assertTrue(p.hasValidPrepay(Instant.now()), channel);
            if (channel.equals("ALIPAY_WAP") || channel.equals("ALIPAY_PC")) {
                assertTrue(p.prepayUrl.length() > 1024, "the signed URL is longer than the old column: " + p.prepayUrl.length());
                // The gateway accepts the whole signed URL (signature over the long subject and return URL).
                Sandbox.openCashier(created.path("prepay.payUrl")).then().statusCode(lessThan(400));
            }
            // A repeat answers the same payment from what was stored.
            create(DevTokens.user(user, "oOpenid" + user), orderSn, channel, LONG_RETURN_URL).then().statusCode(200)
                    .body("paySn", equalTo(p.paySn));
        }
        create(DevTokens.user("u-too-long"), "O-any", "WECHAT_NATIVE", returnUrl(513)).then().statusCode(400);
    }

    @Test
    void eachChannelsPrepayIsHandedOutOnlyAsLongAsTheProviderHonoursIt() {
        Instant before = Instant.now();
        String h5 = payment("WECHAT_H5");
        String nativePay = payment("WECHAT_NATIVE");
        String alipay = payment("ALIPAY_WAP");
        // WeChat's h5_url lives 5 minutes, its code_url 2 hours (capped by the payment's own expiry); Alipay's URL
        // as long as the payment's time_expire.
        Payment h5Payment = Db.payment(h5);
        assertTrue(h5Payment.prepayExpireAt.isBefore(before.plus(Duration.ofMinutes(5)).plusSeconds(5)), "" + h5Payment.prepayExpireAt);
        assertTrue(h5Payment.prepayExpireAt.isAfter(before.plus(Duration.ofMinutes(4))), "" + h5Payment.prepayExpireAt);
        assertTrue(h5Payment.expireAt.isAfter(h5Payment.prepayExpireAt.plus(Duration.ofMinutes(20))));
        assertEquals(Db.payment(nativePay).expireAt, Db.payment(nativePay).prepayExpireAt);
        assertEquals(Db.payment(alipay).expireAt, Db.payment(alipay).prepayExpireAt);
    }

    @Test
    void aRepeatAfterTheH5LinkExpiredGetsAFreshPrepayForTheSamePayment() {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 1500, "WAIT_PAY");
        String paySn = create(DevTokens.user(user), orderSn, "WECHAT_H5", null).then().statusCode(201).extract().path("paySn");
        // Six minutes later, as far as the stored prepay is concerned.
        Db.update("prepayExpireAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), paySn);
        Instant asked = Instant.now();
        Response again = create(DevTokens.user(user), orderSn, "WECHAT_H5", null);
        again.then().statusCode(200).body("paySn", equalTo(paySn));
        assertNotNull(again.path("prepay.h5Url"));
        Payment renewed = Db.payment(paySn);
        assertTrue(renewed.prepayExpireAt.isAfter(asked.plus(Duration.ofMinutes(4))), "a fresh 5-minute prepay");
        assertEquals("NOTPAY", Sandbox.trade(paySn).getString("state"), "the same out_trade_no, still payable at WeChat");
        assertEquals(1, Db.tx(() -> Payment.count("orderSn", orderSn)), "no second payment for the order");
    }

    private static String payment(String channel) {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 900, "WAIT_PAY");
        return create(DevTokens.user(user, "oOpenid" + user), orderSn, channel, null).then().statusCode(201).extract().path("paySn");
    }

    private static Response create(String token, String orderSn, String channel, String returnUrl) {
        String body = "{\"orderSn\":\"" + orderSn + "\",\"channel\":\"" + channel + "\""
                + (returnUrl == null ? "" : ",\"returnUrl\":\"" + returnUrl + "\"") + "}";
        return given().header("Authorization", DevTokens.bearer(token)).contentType("application/json").body(body)
                .post("/api/payments");
    }

    private static String returnUrl(int length) {
        String head = "https://shop.example/return?order=1&pad=";
        return head + "x".repeat(length - head.length());
    }
}
