package com.paygate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.provider.ProviderStatus;
import com.paygate.payment.provider.wechat.WechatMerchant;
import com.paygate.payment.provider.wechat.WechatNotifications;
import com.paygate.payment.provider.wechat.WechatPayProvider;
import com.paygate.payment.support.Notifications;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.testing.SandboxResource;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our WeChat Pay crypto against the official SDK (wechatpay-java 0.2.17) as an oracle, both directions:
 * what we sign the SDK verifies, what the SDK signs and encrypts we verify and decrypt.
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class WechatCryptoOracleTest {

    @Inject
    @Named(WechatPayProvider.ID)
    WechatPayProvider wechat;

    WechatMerchant merchant;

    WechatNotifications notifications;

    @BeforeEach
    void provider() {
        merchant = wechat.merchant();
        notifications = wechat.notifications();
    }

    @Test
    void ourRequestAuthorizationVerifiesWithTheSdk() {
        String body = "{\"mchid\":\"" + Sandbox.wechatMchId() + "\"}";
        String header = merchant.authorization("POST", "/v3/pay/transactions/out-trade-no/P1/close", body);
        Matcher m = Pattern.compile("WECHATPAY2-SHA256-RSA2048 mchid=\"(\\d+)\",nonce_str=\"(\\w+)\",signature=\"([^\"]+)\","
                + "timestamp=\"(\\d+)\",serial_no=\"(\\w+)\"").matcher(header);
        assertTrue(m.matches(), header);
        assertEquals(Sandbox.wechatMchId(), m.group(1));
        assertEquals(Sandbox.wechatMerchantSerial(), m.group(5));
        // The message as WeChat's documentation spells it, built here by hand, not with our helper.
        String message = "POST\n/v3/pay/transactions/out-trade-no/P1/close\n" + m.group(4) + "\n" + m.group(2) + "\n" + body + "\n";
        RSAVerifier sdk = new RSAVerifier(Sandbox.wechatMerchantPublicKey(), Sandbox.wechatMerchantSerial());
        assertTrue(sdk.verify(Sandbox.wechatMerchantSerial(), message, m.group(3)));
        assertTrue(!sdk.verify(Sandbox.wechatMerchantSerial(), message.replace("P1", "P2"), m.group(3)), "the oracle can say no");
    }

    @Test
    void aNotificationWeBuildIsAcceptedByTheSdkParser() {
        Notifications n = new Notifications("P" + System.nanoTime(), 1234);
        n.payerTotalFen = 1000;
        Notifications.Signed signed = n.sign();
        NotificationParser parser = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(Sandbox.wechatPlatformPublicKey()).publicKeyId(Sandbox.wechatPublicKeyId())
                .apiV3Key(Sandbox.wechatApiV3Key()).build());
        Transaction tx = parser.parse(new RequestParam.Builder().serialNumber(signed.serial()).timestamp(signed.timestamp())
                .nonce(signed.nonce()).signature(signed.signature()).body(signed.body()).build(), Transaction.class);
        assertEquals(n.paySn, tx.getOutTradeNo());
        assertEquals(1234, tx.getAmount().getTotal());
        assertEquals(Transaction.TradeStateEnum.SUCCESS, tx.getTradeState());
    }

    @Test
    void aNotificationTheSdkSignsAndEncryptsIsAcceptedByOurs() {
        String paySn = "P" + System.nanoTime();
        Notifications n = new Notifications(paySn, 4321);
        n.payerTotalFen = 4000; // a coupon: we must read amount.total, not payer_total
        String nonce = "fdasflkja484";
        String ciphertext = new AeadAesCipher(Sandbox.wechatApiV3Key().getBytes(StandardCharsets.UTF_8))
                .encrypt("transaction".getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8),
                        n.transactionJson().getBytes(StandardCharsets.UTF_8));
        String body = "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2015-05-20T13:29:35+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"支付成功\","
                + "\"resource\":{\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + ciphertext + "\",\"associated_data\":\"transaction\",\"nonce\":\"" + nonce + "\"}}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        String headerNonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        String signature = new RSASigner(Sandbox.wechatPublicKeyId(), Sandbox.wechatPlatformPrivateKey())
                .sign(ts + "\n" + headerNonce + "\n" + body + "\n").getSign();

        ProviderStatus status = notifications.parse(
                new WechatNotifications.Headers(ts, headerNonce, signature, Sandbox.wechatPublicKeyId()), body)
                .await().indefinitely();
        assertEquals(paySn, status.paySn());
        assertEquals(PaymentState.SUCCESS, status.state());
        assertEquals(4321L, status.amountTotalFen());
        assertEquals(n.transactionId, status.transactionId());
        assertEquals(Instant.parse("2026-11-24T02:34:56Z"), status.paidAt());

        // One changed byte after signing: rejected.
        NotificationRejected e = assertThrows(NotificationRejected.class, () -> notifications.parse(
                new WechatNotifications.Headers(ts, headerNonce, signature, Sandbox.wechatPublicKeyId()),
                body.replace("EV-2018", "EV-2019")).await().indefinitely());
        assertEquals("bad_signature", e.reason());
    }

    @Test
    void wechatProbeSignaturesAreRejected() {
        Notifications.Signed signed = new Notifications("P" + System.nanoTime(), 1).sign();
        NotificationRejected e = assertThrows(NotificationRejected.class, () -> notifications.parse(
                new WechatNotifications.Headers(signed.timestamp(), signed.nonce(), "WECHATPAY/SIGNTEST/" + signed.signature(),
                        signed.serial()), signed.body()).await().indefinitely());
        assertEquals("probe", e.reason());
    }
}
