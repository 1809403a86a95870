package com.paygate.payment.provider;

import com.paygate.payment.domain.Channel;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.provider.bill.BillLine;
import com.paygate.payment.provider.bill.BillTotals;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One payment provider (WeChat Pay, Alipay, ...). Implementations are CDI beans in their own package, found by
 * {@link ProviderRegistry} through {@link #id()}; adding a provider is one package plus its configuration.
 */
public interface PaymentProvider {

    /** A provider's test-mode twin is {@code id() + TEST_MODE_SUFFIX}: same protocol, a sandbox behind it. */
    String TEST_MODE_SUFFIX = "-test";

    /** The id the channels name ({@link Channel#provider()}), also stored on each payment. */
    String id();

    /** False when the merchant settings are missing: the provider's channels answer "channel not enabled". */
    boolean enabled();

    /** Creates the payment at the provider (idempotent for the same payment). Fails with {@link ProviderException}. */
    Uni<PrepayResult> prepay(PrepayRequest request);

    /** What the front end needs to start paying, built from the stored prepay (fresh signatures each call). */
    Map<String, Object> checkoutParameters(Payment payment);

    /** Whether payments may name {@code payerApp}, one of the merchant's apps at this provider (null: the default). */
    default boolean knowsPayerApp(String payerApp) {
        return payerApp == null;
    }

    /** The provider's view of the payment; {@link ProviderStatus#notFound()} when it never saw it. */
    Uni<ProviderStatus> query(Payment payment);

    /** Closes the payment at the provider so it can no longer be paid. */
    Uni<Void> close(Payment payment);

    /**
     * Asks the provider to refund {@code refundFen} of a paid payment under our refund number (idempotent for the
     * same number). Answers the refund's state right away (Alipay: final; WeChat: usually PROCESSING, settled by
     * notification or query). Fails with {@link ProviderException}: only {@link ProviderException.Rejected} means
     * the refund did not happen; any other failure leaves its outcome unknown, to be settled by a query.
     */
    default Uni<ProviderRefund> refund(RefundRequest request) {
        return Uni.createFrom().failure(ProviderException.rejected("NOT_SUPPORTED", id() + " cannot refund"));
    }

    /** The provider's view of one refund; {@link ProviderRefund#missing} when it never received it. */
    default Uni<ProviderRefund> queryRefund(Payment payment, String refundSn) {
        return Uni.createFrom().failure(ProviderException.rejected("NOT_SUPPORTED", id() + " cannot query refunds"));
    }

    /**
     * The provider's trade bill of {@code date} (China time) downloaded to {@code file}; empty when the provider has
     * none for that day (nothing was paid or refunded). Fails with {@link ProviderException}: unavailable while the
     * bill is not published yet or cannot be fetched (the reconciliation job tries again later).
     */
    default Uni<Optional<Bill>> downloadBill(LocalDate date, Path file) {
        return Uni.createFrom().failure(ProviderException.rejected("NOT_SUPPORTED", id() + " has no bills"));
    }

    /**
     * A downloaded bill. Reading it streams its lines and checks what the provider said of it (WeChat: the file's
     * SHA-1) and its own summary. Blocking: on a worker thread.
     */
    interface Bill {
        BillTotals read(Consumer<BillLine> lines) throws IOException;
    }

    /** The endpoints under {@code /notify/{id}} this provider posts to ("" for {@code /notify/{id}} itself). */
    Set<String> notificationEndpoints();

    /**
     * Verifies a notification (signature, freshness, our merchant) and translates it. Fails with
     * {@link NotificationRejected} when it is not believed; nothing is applied here.
     */
    Uni<NotificationStatement> verify(Notification notification);

    /** The protocol's "received, stop sending". */
    NotificationReply accepted();

    /** The protocol's "refused, send again later"; {@code message} is ours and never holds secrets. */
    NotificationReply refused(int status, String message);

    record RefundRequest(Payment payment, String refundSn, long refundFen, String reason) {
    }

    record PrepayRequest(Payment payment, Channel channel, String openid, String clientIp, String returnUrl) {
    }

    /**
     * prepayId for JSAPI-like flows, url for redirect/QR flows; {@code validUntil} is how long the provider honours
     * this prepay (null: as long as the payment itself), after which a repeat request gets a fresh one.
     */
    record PrepayResult(String prepayId, String url, Instant validUntil) {
    }
}
