package com.paygate.payment.checkout;

import com.paygate.common.error.ApiException;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.service.PaymentStatusService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The code a payer scans for the QR channels (WeChat Native {@code code_url}, Alipay precreate {@code qr_code}),
 * drawn by the server so the page needs no QR library. Only while the payment waits for its payer and its prepay
 * is valid: a code for a paid, closed or lapsed payment would only invite a payment we would have to refund.
 */
@ApplicationScoped
public class PaymentQrCodes {

    private final PaymentStatusService status;

    public PaymentQrCodes(PaymentStatusService status) {
        this.status = status;
    }

    public Uni<String> svg(String paySn, String userId) {
        return status.get(paySn, Payment.BUILT_IN_APP, userId).map(PaymentQrCodes::content).map(QrCodeSvg::of);
    }

    static String content(Payment p) {
        if (!p.channel.isQr()) {
            throw ApiException.notFound("QR_CODE_NOT_FOUND", p.channel + " is not paid by scanning a code");
        }
        if (!p.state.isAwaitingPayer()) {
            throw ApiException.conflict("PAYMENT_NOT_PAYABLE", "the payment is " + p.state + ": nothing to scan");
        }
        if (p.prepayUrl == null || (p.prepayExpireAt != null && !p.prepayExpireAt.isAfter(Instant.now()))) {
            throw ApiException.conflict("PREPAY_EXPIRED", "no valid code: create the payment again (POST /api/payments) for a fresh one");
        }
        return p.prepayUrl;
    }
}
