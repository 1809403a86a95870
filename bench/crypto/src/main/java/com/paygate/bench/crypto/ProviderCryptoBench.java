package com.paygate.bench.crypto;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.AlipaySignContent;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each line of issue 12's scenario 4 twice, ours ({@code ours*}: the {@code common.crypto} primitives composed as
 * payment's WechatNotifications, WechatMerchant and AlipayNotifications compose them) and the official SDK's
 * ({@code sdk*}), in one JVM on the same keys and messages. {@code bench/run} prints ours / sdk per line.
 *
 * <p>Each side works as it is used in production: ours holds parsed keys and one ObjectMapper; wechatpay-java holds
 * its parser, signer and credential; alipay-sdk-java takes the Base64 public key per call, as its API asks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProviderCryptoBench {

    private static final String MCH_ID = "1900000109";
    private static final String APP_ID = "wx8888888888888888";
    private static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final String PLATFORM_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";
    private static final String API_V3_KEY = "0123456789abcdefghijklmnopqrstuv";
    private static final String BODY = "{\"mchid\":\"" + MCH_ID + "\",\"out_trade_no\":\"P2026120600000001\","
            + "\"appid\":\"" + APP_ID + "\",\"description\":\"标准间 1 晚\",\"notify_url\":\"https://pay.example.com/notify/wechat/pay\","
            + "\"amount\":{\"total\":12800,\"currency\":\"CNY\"},\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}}";
    private static final String REQUEST_PATH = "/v3/pay/transactions/jsapi";

    private final ObjectMapper json = new ObjectMapper();

    private KeyPair platform;
    private KeyPair merchant;
    private AesGcm aead;

    // A genuine notification: what WeChat Pay posts to notify_url.
    private String notifyTimestamp;
    private String notifyNonce;
    private String notifyBody;
    private String notifySignature;

    private NotificationParser sdkParser;
    private RequestParam sdkNotification;
    private RSASigner sdkSigner;
    private WechatPay2Credential sdkCredential;
    private URI requestUri;

    // A genuine Alipay asynchronous notification.
    private Map<String, String> alipayNotify;
    private PublicKey alipayPublicKey; // ours parses the configured key once, at start (AlipayMerchant)
    private String alipayPublicKeyBase64;

    @Setup
    public void setUp() throws Exception {
        platform = rsa();
        merchant = rsa();
        aead = new AesGcm(API_V3_KEY);

        String transaction = "{\"mchid\":\"" + MCH_ID + "\",\"appid\":\"" + APP_ID + "\",\"out_trade_no\":\"P2026120600000001\","
                + "\"transaction_id\":\"4200001234202612061234567890\",\"trade_type\":\"JSAPI\",\"trade_state\":\"SUCCESS\","
                + "\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\",\"success_time\":\"2026-12-06T10:34:56+08:00\","
                + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},\"amount\":{\"total\":12800,\"payer_total\":12800,"
                + "\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
        String resourceNonce = "fdasflkja484";
        notifyBody = "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2026-12-06T10:34:56+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"支付成功\","
                + "\"resource\":{\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + aead.encrypt("transaction", resourceNonce, transaction) + "\",\"associated_data\":\"transaction\",\"nonce\":\""
                + resourceNonce + "\"}}";
        notifyTimestamp = Long.toString(Instant.now().getEpochSecond());
        notifyNonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        notifySignature = RsaSha256.sign(platform.getPrivate(),
                WechatPaySignatures.responseMessage(notifyTimestamp, notifyNonce, notifyBody));

        sdkParser = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(platform.getPublic()).publicKeyId(PLATFORM_KEY_ID).apiV3Key(API_V3_KEY).build());
        sdkNotification = new RequestParam.Builder().serialNumber(PLATFORM_KEY_ID).timestamp(notifyTimestamp)
                .nonce(notifyNonce).signature(notifySignature).body(notifyBody).build();
        sdkSigner = new RSASigner(MERCHANT_SERIAL, merchant.getPrivate());
        sdkCredential = new WechatPay2Credential(MCH_ID, sdkSigner);
        requestUri = URI.create("https://api.mch.weixin.qq.com" + REQUEST_PATH);

        KeyPair alipay = rsa();
        alipayPublicKey = alipay.getPublic();
        alipayPublicKeyBase64 = Base64.getEncoder().encodeToString(alipay.getPublic().getEncoded());
        alipayNotify = new HashMap<>();
        alipayNotify.put("notify_time", "2026-12-06 10:34:56");
        alipayNotify.put("notify_type", "trade_status_sync");
        alipayNotify.put("notify_id", "ac05099524730693a8b330c5ecf72da9786");
        alipayNotify.put("app_id", "2021000000000001");
        alipayNotify.put("charset", "utf-8");
        alipayNotify.put("version", "1.0");
        alipayNotify.put("sign_type", "RSA2");
        alipayNotify.put("trade_no", "2026120622001400000000000001");
        alipayNotify.put("out_trade_no", "P2026120600000001");
        alipayNotify.put("seller_id", "2088000000000001");
        alipayNotify.put("trade_status", "TRADE_SUCCESS");
        alipayNotify.put("total_amount", "128.00");
        alipayNotify.put("subject", "标准间 1 晚");
        alipayNotify.put("gmt_payment", "2026-12-06 10:34:55");
        alipayNotify.put("sign", RsaSha256.sign(alipay.getPrivate(),
                AlipaySignContent.of(alipayNotify, AlipaySignContent.NOTIFY_EXCLUDED)));

        // Both sides must accept the same genuine inputs, or the figures compare nothing.
        if (oursWechatNotify() == null || sdkWechatNotify() == null || !oursAlipayNotify() || !sdkAlipayNotify()) {
            throw new IllegalStateException("a genuine input was refused");
        }
    }

    /** Notification: timestamp window, signature over the received bytes, envelope, AES-GCM, the resource read. */
    @Benchmark
    public JsonNode oursWechatNotify() throws IOException {
        long ts = Long.parseLong(notifyTimestamp);
        long now = Instant.now().getEpochSecond();
        if (ts < now - 300 || ts > now + 300) {
            throw new IllegalStateException("stale");
        }
        if (!RsaSha256.verify(platform.getPublic(), WechatPaySignatures.responseMessage(notifyTimestamp, notifyNonce, notifyBody),
                notifySignature)) {
            throw new IllegalStateException("bad signature");
        }
        JsonNode resource = json.readTree(notifyBody).path("resource");
        return json.readTree(aead.decrypt(resource.path("associated_data").asText(null), resource.path("nonce").asText(),
                resource.path("ciphertext").asText()));
    }

    @Benchmark
    public Transaction sdkWechatNotify() {
        return sdkParser.parse(sdkNotification, Transaction.class);
    }

    /** A merchant request's Authorization header: nonce, message, RSA signature, header text. */
    @Benchmark
    public String oursWechatAuthorization() {
        long timestamp = Instant.now().getEpochSecond();
        String nonce = WechatPaySignatures.nonce();
        String signature = RsaSha256.sign(merchant.getPrivate(),
                WechatPaySignatures.requestMessage("POST", REQUEST_PATH, timestamp, nonce, BODY));
        return WechatPaySignatures.authorization(MCH_ID, nonce, signature, timestamp, MERCHANT_SERIAL);
    }

    @Benchmark
    public String sdkWechatAuthorization() {
        return sdkCredential.getAuthorization(requestUri, "POST", BODY);
    }

    /** JSAPI / mini-program paySign over appId, timeStamp, nonceStr, package. */
    @Benchmark
    public String oursJsapiPaySign() {
        return RsaSha256.sign(merchant.getPrivate(), WechatPaySignatures.paySignMessage(APP_ID,
                Long.toString(Instant.now().getEpochSecond()), WechatPaySignatures.nonce(), "prepay_id=wx201410272009395522657a690389285100"));
    }

    @Benchmark
    public String sdkJsapiPaySign() {
        return sdkSigner.sign(APP_ID + "\n" + Instant.now().getEpochSecond() + "\n" + WechatPaySignatures.nonce() + "\n"
                + "prepay_id=wx201410272009395522657a690389285100\n").getSign();
    }

    /** Alipay asynchronous notification: sign content (all but sign and sign_type), RSA2 verification. */
    @Benchmark
    public boolean oursAlipayNotify() {
        return RsaSha256.verify(alipayPublicKey, AlipaySignContent.of(alipayNotify, AlipaySignContent.NOTIFY_EXCLUDED),
                alipayNotify.get("sign"));
    }

    @Benchmark
    public boolean sdkAlipayNotify() throws AlipayApiException {
        return AlipaySignature.rsaCheckV1(new HashMap<>(alipayNotify), alipayPublicKeyBase64, "utf-8", "RSA2");
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
