package com.paygate.payment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.error.ApiException;
import com.paygate.payment.app.App;
import com.paygate.payment.app.AppOrders;
import com.paygate.payment.app.AppPayment;
import com.paygate.payment.app.AppRefund;
import com.paygate.payment.app.IdempotencyKeys;
import com.paygate.payment.domain.Channel;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.repository.RefundRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an app (a business line) does with its payments through the signed /api/apps API: the same payment path as
 * the built-in order service ({@link PaymentService#pay}), with the app's order in the request instead of the order
 * service's. An app sees its own payments only (404 for any other), and its payer is the app itself.
 */
@ApplicationScoped
public class AppPayments {

    private static final Pattern BIZ_ORDER_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int METADATA_KEYS = 20;

    private final PaymentService payments;
    private final PaymentStatusService status;
    private final PaymentCloser closer;
    private final RefundService refundService;
    private final PaymentRepository paymentRows;
    private final RefundRepository refundRows;
    private final AppOrders orders;
    private final IdempotencyKeys idempotency;
    private final ObjectMapper json;

    public AppPayments(PaymentService payments, PaymentStatusService status, PaymentCloser closer, RefundService refundService,
            PaymentRepository paymentRows, RefundRepository refundRows, AppOrders orders, IdempotencyKeys idempotency,
            ObjectMapper json) {
        this.payments = payments;
        this.status = status;
        this.closer = closer;
        this.refundService = refundService;
        this.paymentRows = paymentRows;
        this.refundRows = refundRows;
        this.orders = orders;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** What an app asks to pay; validated here (bean validation on the resource's record first). */
    public record NewPayment(String bizOrderNo, long amountFen, String subject, Channel channel, String openid,
            String payerClientIp, String returnUrl, Instant expireAt, Map<String, String> metadata) {
    }

    /**
     * Creates (201) or answers again (200) the app's payment of {@code bizOrderNo}: the same order, amount and channel
     * while a payment is open is that payment; another amount or channel for an open one is 409 PAYMENT_IN_PROGRESS.
     * With an Idempotency-Key the first response is answered verbatim ({@link IdempotencyKeys}).
     */
    public Uni<IdempotencyKeys.Response> create(App app, NewPayment request, String idempotencyKey, String rawBody) {
        return idempotency.once(app.appId, idempotencyKey, "POST /api/apps/payments\n" + rawBody, () -> {
            check(app, request);
            return payments.pay(new PaymentService.PayRequest(app.appId, request.bizOrderNo(), payer(app), request.amountFen(),
                            request.subject(), request.expireAt(), request.channel(), request.openid(), request.payerClientIp(),
                            request.returnUrl(), request.metadata(), app.wechatApp, app.testMode))
                    .chain(created -> view(created.payment())
                            .map(view -> new IdempotencyKeys.Response(created.created() ? 201 : 200,
                                    write(view.withPrepay(created.checkout())))));
        });
    }

    /** The app's payment, queried at the provider first when it has waited long (as the user API does). */
    public Uni<AppPayment> get(App app, String paySn) {
        return status.get(paySn, app.appId, payer(app)).chain(this::view);
    }

    /** The app's payments of one of its orders, newest first. */
    public Uni<List<AppPayment>> ofOrder(App app, String bizOrderNo) {
        return Panache.withSession(() -> paymentRows.byOrder(app.appId, bizOrderNo, payer(app))
                .chain(list -> orders.metadata(app.appId, bizOrderNo)
                        .map(metadata -> list.stream().map(p -> AppPayment.of(p, metadata)).toList())));
    }

    /**
     * Closes the app's open payment at the provider, then here. A payment the provider says is paid becomes SUCCESS
     * instead (never ignored); a close the provider did not confirm is 503, to be retried.
     */
    public Uni<AppPayment> close(App app, String paySn) {
        return status.get(paySn, app.appId, payer(app)).chain(p -> {
            if (p.state == PaymentState.CLOSED) {
                return view(p);
            }
            if (!p.state.isOpen()) {
                throw ApiException.conflict("PAYMENT_NOT_CLOSABLE", "payment is " + p.state + "; only an unpaid payment can be closed");
            }
            return closer.close(p, TransitionSource.APP)
                    .chain(() -> status.get(paySn, app.appId, payer(app)))
                    .chain(after -> {
                        if (after.state.isOpen()) {
                            throw ApiException.providerUnavailable("the provider did not confirm the close; try again");
                        }
                        return view(after);
                    });
        });
    }

    /** A refund of the app's payment; Idempotency-Key required (RefundService's rules). */
    public Uni<AppRefund> refund(App app, String paySn, String idempotencyKey, long amountFen, String reason) {
        return status.get(paySn, app.appId, payer(app))
                .chain(p -> refundService.refund(paySn, idempotencyKey, amountFen, reason, "APP:" + app.appId))
                .chain(r -> Panache.withSession(() -> paymentRows.findByPaySn(paySn))
                        .map(p -> AppRefund.of(r.refund(), p.refundedFen)));
    }

    public Uni<List<AppRefund>> refunds(App app, String paySn) {
        return status.get(paySn, app.appId, payer(app))
                .chain(p -> Panache.withSession(() -> refundRows.byPayment(paySn))
                        .map((List<Refund> list) -> list.stream().map(r -> AppRefund.of(r, p.refundedFen)).toList()));
    }

    /** An app pays for its own orders: the payer recorded on its payments is the app. */
    private static String payer(App app) {
        return "app:" + app.appId;
    }

    private Uni<AppPayment> view(Payment p) {
        return Panache.withSession(() -> orders.metadata(p.appId, p.orderSn)).map(metadata -> AppPayment.of(p, metadata));
    }

    private static void check(App app, NewPayment request) {
        if (!BIZ_ORDER_NO.matcher(request.bizOrderNo()).matches()) {
            throw ApiException.badRequest("BIZ_ORDER_NO_INVALID", "bizOrderNo must be 1 to 64 characters A-Z a-z 0-9 _ -");
        }
        if (!app.channels().contains(request.channel())) {
            throw ApiException.unprocessable("CHANNEL_NOT_ALLOWED", "app " + app.appId + " may not pay with " + request.channel());
        }
        if (request.expireAt() != null && !request.expireAt().isAfter(Instant.now().plusSeconds(60))) {
            throw ApiException.unprocessable("EXPIRE_AT_TOO_SOON", "expireAt must be at least a minute from now");
        }
        Map<String, String> metadata = request.metadata();
        if (metadata != null && (metadata.size() > METADATA_KEYS || metadata.entrySet().stream()
                .anyMatch(e -> e.getKey().isEmpty() || e.getKey().length() > 40 || e.getValue() == null || e.getValue().length() > 80))) {
            throw ApiException.badRequest("METADATA_INVALID", "metadata: at most " + METADATA_KEYS
                    + " keys of 1 to 40 characters, each value a string of at most 80");
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not writable", e);
        }
    }
}
