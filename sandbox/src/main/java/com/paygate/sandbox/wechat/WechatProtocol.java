package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.AesGcm;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.notify.Notification;
import com.paygate.sandbox.notify.ProviderProtocol;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * WeChat Pay v3 payment notifications: the transaction JSON encrypted with the API v3 key inside an event,
 * signed by the platform key (re-signed per attempt, so retries pass the merchant's timestamp window).
 */
@ApplicationScoped
public class WechatProtocol implements ProviderProtocol {

    /** WeChat's documented schedule: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h. */
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(6));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final WechatTransactionView view;
    private final WechatSigner signer;
    private final AesGcm aes;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public WechatProtocol(WechatTransactionView view, WechatSigner signer, SandboxIdentity identity, ObjectMapper json) {
        this.view = view;
        this.signer = signer;
        this.aes = new AesGcm(identity.id("wechat.api-v3-key"));
        this.json = json;
    }

    @Override
    public Provider provider() {
        return Provider.WECHAT;
    }

    @Override
    public String newTransactionId() {
        StringBuilder id = new StringBuilder("4200").append(OffsetDateTime.now(WechatTransactionView.CHINA).format(DAY));
        while (id.length() < 28) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }

    @Override
    public Notification paid(Trade trade, long amountDelta) {
        return event(trade, amountDelta, OffsetDateTime.now());
    }

    @Override
    public Notification stale(Trade earlier) {
        return event(earlier, 0, earlier.createdAt());
    }

    private Notification event(Trade trade, long amountDelta, OffsetDateTime created) {
        boolean success = trade.state() == TradeState.SUCCESS;
        // WeChat only announces successes; a stale earlier state (outOfOrder fault) gets a telling name.
        return encryptedEvent(trade.outTradeNo(), trade.notifyUrl(), created,
                success ? "TRANSACTION.SUCCESS" : "TRANSACTION." + trade.state().name(),
                success ? "支付成功" : "交易状态 " + trade.state().name(),
                "transaction", view.of(trade, amountDelta).toString());
    }

    /**
     * A v3 notification event: {@code resource} is {@code plaintext} encrypted with the API v3 key,
     * {@code originalType} as associated data (WeChat uses "transaction" and "refund").
     */
    public Notification encryptedEvent(String outTradeNo, String url, OffsetDateTime created, String eventType,
            String summary, String originalType, String plaintext) {
        String nonce = signer.nonce().substring(0, 12);
        String id = UUID.randomUUID().toString();
        ObjectNode body = json.createObjectNode()
                .put("id", id)
                .put("create_time", WechatTransactionView.rfc3339(created))
                .put("resource_type", "encrypt-resource")
                .put("event_type", eventType)
                .put("summary", summary);
        body.putObject("resource")
                .put("original_type", originalType)
                .put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", aes.encrypt(originalType, nonce, plaintext))
                .put("associated_data", originalType)
                .put("nonce", nonce);
        return new Notification(Provider.WECHAT, outTradeNo, id, url, "application/json", body.toString());
    }

    @Override
    public Map<String, String> headers(Notification notification) {
        Map<String, String> headers = signer.headers(notification.body());
        headers.remove("Request-ID");
        headers.put("Wechatpay-Signature-Type", WechatSigner.SIGNATURE_TYPE);
        return headers;
    }

    @Override
    public boolean accepted(int status, String body) {
        return status >= 200 && status < 300;
    }

    @Override
    public String returnUrl(Trade trade, String requestedRedirect) {
        return requestedRedirect;
    }

    @Override
    public List<Duration> retrySchedule() {
        return SCHEDULE;
    }
}
