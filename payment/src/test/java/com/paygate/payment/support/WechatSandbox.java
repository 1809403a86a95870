package com.paygate.payment.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The refund side of the real provider sandbox ({@link Sandbox} drives the payment side). */
public final class WechatSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WechatSandbox() {
    }

    /** The refunds the provider holds for a trade ({@code outRefundNo}, {@code state}, {@code refundFen}, ...). */
    public static JsonPath refunds(String outTradeNo) {
        return given().get(Sandbox.url() + "/sandbox/transactions/" + outTradeNo + "/refunds").then().statusCode(200)
                .extract().jsonPath();
    }

    /**
     * A refund notification exactly as WeChat sends it (the sandbox's platform key signs it, the API v3 key encrypts
     * the resource), or signed with {@code signingKey} instead to forge one.
     */
    public static Response postRefundNotification(String paySn, String refundSn, long refundFen, long totalFen,
            String status, PrivateKey signingKey) {
        ObjectNode resource = JSON.createObjectNode().put("mchid", Sandbox.wechatMchId()).put("out_trade_no", paySn)
                .put("transaction_id", "4200000" + System.nanoTime()).put("out_refund_no", refundSn)
                .put("refund_id", "503" + System.nanoTime()).put("refund_status", status)
                .put("success_time", "2026-11-24T10:34:56+08:00").put("user_received_account", "支付用户零钱");
        resource.putObject("amount").put("total", totalFen).put("refund", refundFen).put("payer_total", totalFen)
                .put("payer_refund", refundFen);
        String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ObjectNode body = JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                .put("create_time", "2026-11-24T10:34:56+08:00").put("resource_type", "encrypt-resource")
                .put("event_type", "REFUND." + status).put("summary", "退款成功");
        body.putObject("resource").put("original_type", "refund").put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", new AesGcm(Sandbox.wechatApiV3Key()).encrypt("refund", nonce, resource.toString()))
                .put("associated_data", "refund").put("nonce", nonce);
        String text = body.toString();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String headerNonce = UUID.randomUUID().toString().replace("-", "");
        String signature = RsaSha256.sign(signingKey == null ? Sandbox.wechatPlatformPrivateKey() : signingKey,
                WechatPaySignatures.responseMessage(timestamp, headerNonce, text));
        return given().contentType("application/json").header("Wechatpay-Timestamp", timestamp)
                .header("Wechatpay-Nonce", headerNonce).header("Wechatpay-Signature", signature)
                .header("Wechatpay-Serial", Sandbox.wechatPublicKeyId())
                .body(text).post("/notify/wechat/refund");
    }
}
