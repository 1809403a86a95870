package com.paygate.payment.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import io.restassured.response.Response;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds WeChat Pay v3 payment notifications as WeChat sends them, signed with the sandbox's WeChat Pay platform key and
 * encrypted with the merchant's API v3 key, with knobs to break each part.
 */
public final class Notifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String paySn;
    public long totalFen;
    public long payerTotalFen;
    public String tradeState = "SUCCESS";
    public String mchId = Sandbox.wechatMchId();
    public String appId = Sandbox.wechatAppId();
    public String serial = Sandbox.wechatPublicKeyId();
    public String apiV3Key = Sandbox.wechatApiV3Key();
    public PrivateKey signingKey = Sandbox.wechatPlatformPrivateKey();
    public long timestamp = Instant.now().getEpochSecond();
    public String transactionId = "4200000" + System.nanoTime();

    public Notifications(String paySn, long totalFen) {
        this.paySn = paySn;
        this.totalFen = totalFen;
        this.payerTotalFen = totalFen;
    }

    public record Signed(String body, String timestamp, String nonce, String signature, String serial) {
        public Response post() {
            return postTo("/notify/wechat/pay");
        }

        /** To another provider's endpoint (the test-mode one, /notify/wechat-test/pay). */
        public Response postTo(String path) {
            return given().contentType("application/json")
                    .header("Wechatpay-Timestamp", timestamp).header("Wechatpay-Nonce", nonce)
                    .header("Wechatpay-Signature", signature).header("Wechatpay-Serial", serial)
                    .body(body).post(path);
        }

        public Signed withBody(String other) {
            return new Signed(other, timestamp, nonce, signature, serial);
        }

        public Signed withSignature(String other) {
            return new Signed(body, timestamp, nonce, other, serial);
        }
    }

    public String transactionJson() {
        ObjectNode tx = JSON.createObjectNode().put("appid", appId).put("mchid", mchId).put("out_trade_no", paySn)
                .put("transaction_id", transactionId).put("trade_type", "JSAPI").put("trade_state", tradeState)
                .put("trade_state_desc", "支付成功").put("bank_type", "CMC").put("attach", "")
                .put("success_time", "2026-11-24T10:34:56+08:00");
        tx.putObject("payer").put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        tx.putObject("amount").put("total", totalFen).put("payer_total", payerTotalFen).put("currency", "CNY")
                .put("payer_currency", "CNY");
        return tx.toString();
    }

    public String body() {
        String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String associated = "transaction";
        String ciphertext = new AesGcm(apiV3Key).encrypt(associated, nonce, transactionJson());
        ObjectNode n = JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                .put("create_time", "2026-11-24T10:34:57+08:00").put("resource_type", "encrypt-resource")
                .put("event_type", "TRANSACTION.SUCCESS").put("summary", "支付成功");
        n.putObject("resource").put("original_type", "transaction").put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", ciphertext).put("associated_data", associated).put("nonce", nonce);
        return n.toString();
    }

    public Signed sign() {
        return sign(body());
    }

    /** Signs the given bytes exactly as WeChat does. */
    public Signed sign(String body) {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String ts = Long.toString(timestamp);
        String signature = RsaSha256.sign(signingKey, WechatPaySignatures.responseMessage(ts, nonce, body));
        return new Signed(body, ts, nonce, signature, serial);
    }
}
