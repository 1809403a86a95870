package com.paygate.payment.support;

import static io.restassured.RestAssured.given;

import com.paygate.common.crypto.Pem;
import com.paygate.testing.SandboxResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Drives and inspects the real provider sandbox process that {@link SandboxResource} starts for the test JVM (the
 * app talks to it as to WeChat Pay and Alipay), and reads the credentials it generated so tests can play the
 * provider's side (sign notifications) or check ours with the official SDKs.
 */
public final class Sandbox {

    private static volatile Properties merchant;

    private Sandbox() {
    }

    public static String url() {
        return SandboxResource.url();
    }

    private static Path state(String file) {
        return Path.of("target", "sandbox-state", file).toAbsolutePath();
    }

    private static String config(String key) {
        if (merchant == null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(state("merchant.properties"), StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            merchant = p;
        }
        return merchant.getProperty(key);
    }

    // ---- WeChat Pay ----------------------------------------------------------------------------------------------

    public static String wechatMchId() {
        return config("payment.wechat.mch-id");
    }

    public static String wechatAppId() {
        return config("payment.wechat.app-id");
    }

    /** The merchant's mini-program appid, bound as payment.wechat.apps.miniprogram. */
    public static String miniprogramAppId() {
        return config("payment.wechat.apps.miniprogram.app-id");
    }

    public static String wechatMerchantSerial() {
        return config("payment.wechat.merchant-serial-no");
    }

    public static String wechatApiV3Key() {
        return config("payment.wechat.api-v3-key");
    }

    public static String wechatPublicKeyId() {
        return config("payment.wechat.platform-public-key-id");
    }

    /** The merchant API public key, as registered at WeChat Pay: checks our request signatures and paySign. */
    public static PublicKey wechatMerchantPublicKey() {
        return Pem.readPublicKey(state("wechat-merchant-public.pem"));
    }

    /** WeChat Pay's own key (public-key mode): signs answers and notifications; tests use it to play WeChat. */
    public static PrivateKey wechatPlatformPrivateKey() {
        return Pem.readPrivateKey(state("wechat-platform-private.pem"));
    }

    public static PublicKey wechatPlatformPublicKey() {
        return Pem.readPublicKey(state("wechat-platform-public.pem"));
    }

    // ---- Alipay --------------------------------------------------------------------------------------------------

    public static String gatewayUrl() {
        return url() + "/gateway.do";
    }

    /** Alipay's own key: signs notifications and answers in the sandbox; the tests use it to play Alipay. */
    public static PrivateKey alipayPrivateKey() {
        return Pem.readPrivateKey(state("alipay-platform-private.pem"));
    }

    /** The merchant's application public key, as uploaded to Alipay: checks our request signatures. */
    public static PublicKey alipayMerchantPublicKey() {
        return Pem.readPublicKey(state("alipay-merchant-public.pem"));
    }

    /** The payer opens the Alipay payment URL: the gateway verifies it and creates the trade. */
    public static Response openCashier(String payUrl) {
        return given().urlEncodingEnabled(false).redirects().follow(false).get(payUrl);
    }

    // ---- the sandbox's own API (any provider) -------------------------------------------------------------------

    /** The payer pays: the trade becomes SUCCESS and the provider notifies us (unless notifications are dropped). */
    public static void pay(String outTradeNo) {
        given().contentType("application/json").body(Map.of("outTradeNo", outTradeNo, "outcome", "SUCCESS"))
                .post(url() + "/sandbox/pay").then().statusCode(200);
    }

    /** Paid at the provider, but the notification is lost: only a query can tell. */
    public static void payWithoutNotification(String outTradeNo) {
        try {
            faults(Map.of("dropNotifications", true));
            pay(outTradeNo);
        } finally {
            resetFaults();
        }
    }

    /** The trade as the provider sees it: state, totalFen, transactionId, notifyUrl, payerOpenid, payerClientIp, ... */
    public static JsonPath trade(String outTradeNo) {
        return given().get(url() + "/sandbox/transactions/" + outTradeNo).then().statusCode(200).extract().jsonPath();
    }

    /** Notification deliveries the sandbox made for a trade (status, responseBody, kind, ...). */
    public static List<Map<String, Object>> deliveries(String outTradeNo) {
        return given().queryParam("outTradeNo", outTradeNo).get(url() + "/sandbox/notifications").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    public static void faults(Map<String, Object> change) {
        given().contentType("application/json").body(change).post(url() + "/sandbox/faults").then().statusCode(200);
    }

    /** Differences the next bills carry against the sandbox's own records (omitTrades, extraTrades, reportPaid, ...). */
    public static void billDifferences(Map<String, Object> change) {
        given().contentType("application/json").body(change).post(url() + "/sandbox/bills/differences").then().statusCode(200);
    }

    public static void resetBillDifferences() {
        given().delete(url() + "/sandbox/bills/differences").then().statusCode(200);
    }

    public static void resetFaults() {
        given().delete(url() + "/sandbox/faults").then().statusCode(200);
    }
}
