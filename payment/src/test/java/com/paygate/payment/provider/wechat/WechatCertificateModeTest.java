package com.paygate.payment.provider.wechat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.Notifications;
import com.paygate.payment.support.Sandbox;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate mode (payment.wechat.platform-certificates=auto) against the sandbox playing a merchant still on
 * platform certificates, through a rotation to a new certificate with a new serial and key.
 */
@QuarkusTest
@TestProfile(WechatCertificateModeTest.CertificateMode.class)
class WechatCertificateModeTest {

    public static class CertificateMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A long schedule, so what happens on a new serial is the on-demand refresh, not the timer.
            return Map.of("payment.wechat.platform-certificates", "auto", "payment.wechat.certificates-refresh-every", "1h");
        }
    }

    @Inject
    Scheduler scheduler;

    @AfterEach
    void publicKeyModeAgain() {
        Sandbox.resetFaults();
    }

    @Test
    void notificationsUnderANewSerialAreVerifiedOnTheFirstDeliveryEvenRightAfterAForgedSerial() {
        assertNotNull(scheduler.getScheduledJob("wechat-certificates"), "certificates refreshed on a schedule");

        // Certificate mode: answers and notifications carry the certificate serial, downloaded from /v3/certificates.
        Sandbox.faults(Map.of("wechatMode", "certificate"));
        paidOnTheFirstDelivery(Api.nativePayment(700)[2]);

        // Someone posts a notification under a serial nobody issued: refused, and it costs one spaced refresh.
        Notifications forged = new Notifications(Api.nativePayment(701)[2], 701);
        forged.serial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
        forged.sign().post().then().statusCode(401);

        // WeChat rotates: a new certificate (new serial, new key) signs from now on; both are listed.
        Sandbox.faults(Map.of("wechatMode", "certificate-rotated"));
        paidOnTheFirstDelivery(Api.nativePayment(702)[2]);
    }

    private static void paidOnTheFirstDelivery(String paySn) {
        Sandbox.pay(paySn);
        await().atMost(Duration.ofSeconds(20)).until(() -> !Sandbox.deliveries(paySn).isEmpty());
        List<Map<String, Object>> deliveries = Sandbox.deliveries(paySn);
        assertEquals(204, ((Number) deliveries.get(0).get("status")).intValue(), "first delivery accepted: " + deliveries.get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.payment(paySn).state == PaymentState.SUCCESS);
    }
}
