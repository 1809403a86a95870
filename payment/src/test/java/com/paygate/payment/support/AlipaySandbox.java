package com.paygate.payment.support;

import static io.restassured.RestAssured.given;

import com.paygate.common.crypto.Pem;
import com.paygate.testing.SandboxResource;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real provider sandbox process for the Alipay adapter. Only its payment.alipay.* settings are handed to the
 * app: the WeChat tests still run against {@link FakeProviders}, whose payment.wechat.* must not be overridden
 * (both resources apply to every test, so the app starts once).
 */
public class AlipaySandbox extends SandboxResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        super.start().forEach((key, value) -> {
            if (key.startsWith("payment.alipay.") || key.equals("sandbox.url")) {
                config.put(key, value);
            }
        });
        return config;
    }

    private static Path state(String file) {
        return Path.of("target", "sandbox-state", file).toAbsolutePath();
    }

    public static String gatewayUrl() {
        return url() + "/gateway.do";
    }

    /** Alipay's own key: signs notifications and answers in the sandbox; the tests use it to play Alipay. */
    public static PrivateKey alipayPrivateKey() {
        return Pem.readPrivateKey(state("alipay-platform-private.pem"));
    }

    /** The merchant's application public key, as uploaded to Alipay: checks our request signatures. */
    public static PublicKey merchantPublicKey() {
        return Pem.readPublicKey(state("alipay-merchant-public.pem"));
    }

    /** The payer opens the payment URL: Alipay verifies it and creates the trade. */
    public static io.restassured.response.Response openCashier(String payUrl) {
        return given().urlEncodingEnabled(false).redirects().follow(false).get(payUrl);
    }

    public static void pay(String outTradeNo) {
        given().contentType("application/json").body(Map.of("outTradeNo", outTradeNo, "outcome", "SUCCESS"))
                .post(url() + "/sandbox/pay").then().statusCode(200);
    }

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

    public static void resetFaults() {
        given().delete(url() + "/sandbox/faults").then().statusCode(200);
    }
}
