package com.paygate.sandbox.support;

import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import static io.restassured.RestAssured.given;

import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

/**
 * The dev merchant as the services see it: credentials read from the merchant.properties the sandbox wrote, and
 * WeChat Pay v3 calls signed the way our adapter (and the official SDK) signs them.
 */
public final class Merchant {

    private final Properties props = new Properties();

    public Merchant(Path stateDir) {
        try (Reader in = Files.newBufferedReader(stateDir.resolve("merchant.properties"))) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String key) {
        return props.getProperty(key);
    }

    public String mchId() {
        return get("payment.wechat.mch-id");
    }

    public String appId() {
        return get("payment.wechat.app-id");
    }

    public String apiV3Key() {
        return get("payment.wechat.api-v3-key");
    }

    public String publicKeyId() {
        return get("payment.wechat.platform-public-key-id");
    }

    public PrivateKey wechatPrivateKey() {
        return Pem.readPrivateKey(Path.of(get("payment.wechat.merchant-private-key")));
    }

    public PublicKey platformPublicKey() {
        return Pem.readPublicKey(Path.of(get("payment.wechat.platform-public-key")));
    }

    public PrivateKey alipayPrivateKey() {
        return Pem.readPrivateKey(Path.of(get("payment.alipay.private-key")));
    }

    public PublicKey alipayPublicKey() {
        return Pem.readPublicKey(Path.of(get("payment.alipay.alipay-public-key")));
    }

    public String authorization(String method, String pathWithQuery, String body, long timestamp) {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String message = WechatPaySignatures.requestMessage(method, pathWithQuery, timestamp, nonce, body);
        return WechatPaySignatures.authorization(mchId(), nonce, RsaSha256.sign(wechatPrivateKey(), message), timestamp,
                get("payment.wechat.merchant-serial-no"));
    }

    public Response post(String path, String body) {
        return given().urlEncodingEnabled(false)
                .header("Authorization", authorization("POST", path, body, Instant.now().getEpochSecond()))
                .contentType("application/json").body(body)
                .post(path);
    }

    public Response get(String pathWithQuery, boolean signed) {
        var request = given().urlEncodingEnabled(false);
        if (signed) {
            request.header("Authorization", authorization("GET", pathWithQuery, "", Instant.now().getEpochSecond()));
        }
        return request.get(pathWithQuery);
    }

    /** True when the response carries a valid platform signature over its exact body. */
    public boolean platformSigned(Response response) {
        String message = WechatPaySignatures.responseMessage(response.header("Wechatpay-Timestamp"),
                response.header("Wechatpay-Nonce"), response.asString());
        return RsaSha256.verify(platformPublicKey(), message, response.header("Wechatpay-Signature"));
    }

    public String jsapiBody(String outTradeNo, long totalFen, String notifyUrl) {
        return "{\"appid\":\"" + appId() + "\",\"mchid\":\"" + mchId() + "\",\"description\":\"Ticket\",\"out_trade_no\":\""
                + outTradeNo + "\",\"notify_url\":\"" + notifyUrl + "\",\"amount\":{\"total\":" + totalFen
                + ",\"currency\":\"CNY\"},\"payer\":{\"openid\":\"o-test-openid\"}}";
    }

    public static String newOutTradeNo() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** The official SDK as an oracle: verifies the notification's signature and decrypts its resource into {@code type}. */
    public <T> T parseWithSdk(NotifyReceiver.Received n, Class<T> type) {
        return new NotificationParser(
                new RSAPublicKeyNotificationConfig.Builder()
                        .publicKey(platformPublicKey()).publicKeyId(publicKeyId()).apiV3Key(apiV3Key()).build())
                .parse(new RequestParam.Builder()
                        .serialNumber(n.headers().get("Wechatpay-Serial"))
                        .nonce(n.headers().get("Wechatpay-Nonce"))
                        .signature(n.headers().get("Wechatpay-Signature"))
                        .timestamp(n.headers().get("Wechatpay-Timestamp"))
                        .signType(n.headers().get("Wechatpay-Signature-Type"))
                        .body(n.body()).build(), type);
    }
}
