package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.payment.domain.PaymentAlert;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.support.AlipayNotify;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.Notifications;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.testing.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the three notification endpoints: every header and field huge, negative, empty, non-ASCII,
 * repeated or in another charset, plus seeded random mutations of a genuine notification. Whatever arrives, the
 * answer is a 4xx or the provider's own rejection format, never a 5xx, and nothing is written: the payment stays
 * NOTPAY with no transition, no alert, no outbox row.
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class NotificationInputFuzzTest {

    /** Values for any header or field: numbers at and past the edges, empty, blank, non-ASCII, control, long. */
    private static final List<String> HOSTILE = List.of("", " ", "0", "-1", "99999999999999999", "-99999999999999999",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e300", "NaN", "0x10", "１２３",
            "支付成功", "\u0000", "\t\r\n", "%00", "%ZZ", "=", "&", "null", "{}", "[]", "\"", "\\", "<script>",
            "A".repeat(4000), "WECHATPAY/SIGNTEST/abc", "../../etc/passwd", "\uD83D\uDCB0");

    private static final String[] WECHAT_HEADERS = { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
            "Wechatpay-Serial" };

    @ConfigProperty(name = "payment.alipay.app-id")
    String alipayAppId;

    @ConfigProperty(name = "payment.alipay.seller-id")
    String alipaySellerId;

    @Test
    void hostileWechatNotificationHeadersAndBodiesNeverGiveA5xxOrWriteAnything() {
        String[] p = Api.nativePayment(1800);
        long alertsBefore = alertCount(p[2]);
        Notifications.Signed genuine = new Notifications(p[2], 1800).sign();
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/notify/wechat/pay", "/notify/wechat/refund")) {
            for (int h = 0; h < WECHAT_HEADERS.length; h++) {
                for (String value : HOSTILE) {
                    if (value.chars().anyMatch(c -> c < 0x20)) {
                        continue; // not a header value an HTTP client can send (CR/LF would split the request)
                    }
                    check(failures, path + " " + WECHAT_HEADERS[h] + "=" + shown(value),
                            wechat(genuine, h, value, false).body(genuine.body()).post(path));
                }
                // The header named twice (once genuine, once hostile) and missing altogether.
                check(failures, path + " " + WECHAT_HEADERS[h] + " repeated",
                        wechat(genuine, h, "1", true).body(genuine.body()).post(path));
                check(failures, path + " " + WECHAT_HEADERS[h] + " missing",
                        wechat(genuine, h, null, false).body(genuine.body()).post(path));
            }
            for (String value : HOSTILE) {
                check(failures, path + " body=" + shown(value), wechat(genuine, -1, null, false).body(value).post(path));
            }
            for (String mutated : mutations(genuine.body(), 200, 12)) {
                check(failures, path + " mutated body", wechat(genuine, -1, null, false).body(mutated).post(path));
            }
            // The genuine bytes in another charset: signed text no longer matches.
            check(failures, path + " GBK body", wechat(genuine, -1, null, false)
                    .contentType("application/json; charset=GBK").body(genuine.body().getBytes(Charset.forName("GBK"))).post(path));
        }
        assertTrue(failures.isEmpty(), failures.size() + " inputs were not refused with a 4xx: " + failures);
        assertNothingWritten(p[2], alertsBefore);
    }

    @Test
    void hostileAlipayNotificationFieldsNeverGiveA5xxOrWriteAnything() {
        String[] p = Api.nativePayment(1800); // a WeChat payment: even a "valid" Alipay word about it must not apply
        long alertsBefore = alertCount(p[2]);
        List<String> failures = new ArrayList<>();
        List<String> names = new ArrayList<>(new AlipayNotify(p[2], "18.00", alipayAppId, alipaySellerId).params.keySet());
        names.add("sign");
        for (String name : names) {
            for (String value : HOSTILE) {
                AlipayNotify n = new AlipayNotify(p[2], "18.00", alipayAppId, alipaySellerId).sign();
                n.params.put(name, value);
                checkAlipay(failures, name + "=" + shown(value), AlipayNotify.post(n.form()));
                // Signed after the change too: a genuine signature over hostile content.
                AlipayNotify signed = new AlipayNotify(p[2], "18.00", alipayAppId, alipaySellerId);
                signed.params.put(name, value);
                checkAlipay(failures, name + "=" + shown(value) + " (signed)", AlipayNotify.post(signed.sign().form()));
            }
            AlipayNotify repeated = new AlipayNotify(p[2], "18.00", alipayAppId, alipaySellerId).sign();
            checkAlipay(failures, name + " repeated", AlipayNotify.post(repeated.form() + "&" + name + "=1"));
        }
        String genuine = new AlipayNotify(p[2], "18.00", alipayAppId, alipaySellerId).sign().form();
        for (String mutated : mutations(genuine, 200, 34)) {
            checkAlipay(failures, "mutated form", AlipayNotify.post(mutated));
        }
        for (String value : HOSTILE) {
            checkAlipay(failures, "form=" + shown(value), AlipayNotify.post(value));
        }
        assertTrue(failures.isEmpty(), failures.size() + " inputs answered badly: " + failures);
        assertNothingWritten(p[2], alertsBefore);
    }

    @Test
    void aGbkNotificationIsRejectedNotMisread() {
        String[] p = Api.nativePayment(1800);
        // Correctly signed by Alipay's key, but declared GBK: read as UTF-8 its subject would be garbage.
        AlipayNotify gbk = new AlipayNotify(p[2], "18.00", alipayAppId, alipaySellerId);
        gbk.params.put("charset", "gbk");
        Response answer = AlipayNotify.post(gbk.sign().form());
        assertEquals(200, answer.statusCode());
        assertEquals("failure", answer.asString());
        assertEquals(PaymentState.NOTPAY, Db.payment(p[2]).state);
    }

    private static RequestSpecification wechat(Notifications.Signed genuine, int replaced, String value, boolean repeat) {
        String[] values = { genuine.timestamp(), genuine.nonce(), genuine.signature(), genuine.serial() };
        RequestSpecification request = given().contentType("application/json");
        for (int i = 0; i < WECHAT_HEADERS.length; i++) {
            if (i != replaced) {
                request.header(WECHAT_HEADERS[i], values[i]);
            } else if (repeat) {
                request.header(WECHAT_HEADERS[i], values[i], value);
            } else if (value != null) {
                request.header(WECHAT_HEADERS[i], value);
            }
        }
        return request;
    }

    /** Seeded: a failure names an input that the next run sends again. */
    private static List<String> mutations(String genuine, int count, long seed) {
        Random random = new Random(seed);
        List<String> result = new ArrayList<>();
        byte[] bytes = genuine.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            byte[] copy = bytes.clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            String text = new String(copy, StandardCharsets.UTF_8);
            String mutated = random.nextBoolean() ? text : text.substring(0, random.nextInt(text.length() + 1));
            if (mutated.equals(genuine)) {
                i--; // a random byte equal to the one it replaced: the genuine notification, which is rightly accepted
                continue;
            }
            result.add(mutated);
        }
        return result;
    }

    private static void check(List<String> failures, String what, Response answer) {
        if (answer.statusCode() >= 500 || answer.statusCode() < 400) {
            failures.add(what + " -> " + answer.statusCode());
        }
    }

    /** Alipay's own format: 200 with the body "failure" (Alipay reads the body only). */
    private static void checkAlipay(List<String> failures, String what, Response answer) {
        boolean rejected = answer.statusCode() == 200 && "failure".equals(answer.asString())
                || answer.statusCode() >= 400 && answer.statusCode() < 500;
        if (!rejected) {
            failures.add(what + " -> " + answer.statusCode() + " " + answer.asString());
        }
    }

    private static void assertNothingWritten(String paySn, long alertsBefore) {
        assertEquals(PaymentState.NOTPAY, Db.payment(paySn).state);
        assertTrue(Db.transitions(paySn).isEmpty(), "no transition");
        assertTrue(Db.outbox(Db.payment(paySn).orderSn).isEmpty(), "no outbox row");
        assertEquals(alertsBefore, alertCount(paySn), "no alert");
    }

    /**
     * Alerts about the payment under attack, or about no known payment (what a hostile input could raise). Alerts
     * of other payments are left out: the janitor jobs may raise those for other tests' payments meanwhile.
     */
    private static long alertCount(String paySn) {
        // Webhook alerts (about an app's endpoint, raised by the delivery job at any time) are no notification's doing.
        return Db.tx(() -> PaymentAlert.count("paySn = ?1 or (paySn is null and kind not like 'WEBHOOK%')", paySn));
    }

    private static String shown(String value) {
        return value.length() > 24 ? value.substring(0, 24) + "...(" + value.length() + ")" : value;
    }
}
