package com.paygate.payment.service;

import com.paygate.common.error.ApiException;
import com.paygate.payment.app.AppOrders;
import com.paygate.payment.config.PaymentConfig;
import com.paygate.payment.domain.Channel;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.order.OrderClient;
import com.paygate.payment.order.OrderView;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderException;
import com.paygate.payment.provider.ProviderRegistry;
import com.paygate.payment.repository.PaymentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Creating payments, the one path for every business line: the built-in order service's (the order read from the
 * order service with the user's token, {@link #create(Caller, String, Channel, String)}) and the apps' (the order
 * in the signed request, {@link #pay}). An open payment is reused, else a NOTPAY one is persisted; then the
 * provider is asked for a prepay outside any transaction and it is stored. A failed or expired prepay leaves a
 * NOTPAY payment without a valid prepay, which the next attempt reuses and prepays again (same out_trade_no: WeChat
 * treats the repeat as the same order). Each prepay is valid as long as its provider says (PrepayResult#validUntil).
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final ProviderRegistry providers;
    private final OrderClient orders;
    private final AppOrders appOrders;
    private final PaymentConfig config;

    public PaymentService(PaymentRepository payments, ProviderRegistry providers, OrderClient orders, AppOrders appOrders,
            PaymentConfig config) {
        this.payments = payments;
        this.providers = providers;
        this.orders = orders;
        this.appOrders = appOrders;
        this.config = config;
    }

    /** {@code wechatApp}: which bound WeChat app the user's openid belongs to (payment.wechat.apps.<name>; null: the default). */
    public record Caller(String userId, String openid, String wechatApp, String token, String clientIp) {
    }

    /**
     * What to pay, whoever asks: the business line (appId) and its order number, the payer (userId: the user, or the
     * app for its own payments), the amount and subject, when the order stops being payable (null: no limit but the
     * prepay TTL), and the channel's needs. An app's order has one open payment at a time ({@code oneOpenPayment}),
     * and its metadata is kept with it.
     */
    public record PayRequest(String appId, String orderSn, String userId, long amountFen, String subject,
            Instant orderExpireAt, Channel channel, String openid, String clientIp, String returnUrl,
            Map<String, String> metadata, String payerApp, boolean testMode) {

        boolean oneOpenPayment() {
            return !Payment.BUILT_IN_APP.equals(appId);
        }
    }

    /** created = false when an open payment was reused. */
    public record Created(Payment payment, Map<String, Object> checkout, boolean created) {
    }

    /** The built-in line: the order service's order, paid by the user it belongs to. */
    public Uni<Created> create(Caller caller, String orderSn, Channel channel, String returnUrl) {
        providers.forChannel(channel);
        requireOpenid(channel, caller.openid(), "a token with an openid claim");
        return orders.get(orderSn, caller.token())
                .invoke(order -> checkPayable(order, caller))
                .chain(order -> pay(new PayRequest(Payment.BUILT_IN_APP, order.orderSn(), caller.userId(), order.amountFen(),
                        subject(order), order.expireAt(), channel, caller.openid(), caller.clientIp(), returnUrl, null, caller.wechatApp(),
                        false)));
    }

    /** Pays {@code request}: reuses the open payment that fits it or creates one, then prepays when needed. */
    public Uni<Created> pay(PayRequest request) {
        PaymentProvider provider = providers.forChannel(request.channel(), request.testMode());
        requireOpenid(request.channel(), request.openid(), "an openid");
        // Only a channel where the payer is inside one of the merchant's apps cares which (JSAPI: the openid's app).
        String payerApp = request.channel() == Channel.WECHAT_JSAPI ? request.payerApp() : null;
        if (!provider.knowsPayerApp(payerApp)) {
            throw ApiException.unprocessable("PAYER_APP_UNKNOWN", "no " + provider.id() + " app named " + payerApp
                    + " is configured (payment.wechat.apps.<name>.app-id)");
        }
        return Panache.withTransaction(() -> findOrCreate(request, payerApp, provider))
                .chain(payment -> {
                    if (payment.hasValidPrepay(Instant.now())) {
                        return Uni.createFrom().item(new Created(payment, provider.checkoutParameters(payment), false));
                    }
                    // A payment whose prepay ran out is reused (200) with a fresh prepay; a new one (or one whose
                    // prepay never came) is answered as created.
                    boolean renewed = payment.prepayExpireAt != null;
                    return prepay(provider, payment, request)
                            .map(c -> renewed ? new Created(c.payment(), c.checkout(), false) : c);
                });
    }

    /** A JSAPI prepay belongs to the payer's openid; other channels have none. */
    private static String payerOpenid(PayRequest request) {
        return request.channel() == Channel.WECHAT_JSAPI ? request.openid() : null;
    }

    private static void requireOpenid(Channel channel, String openid, String what) {
        if (channel == Channel.WECHAT_JSAPI && (openid == null || openid.isBlank())) {
            throw ApiException.badRequest("OPENID_REQUIRED", "WECHAT_JSAPI needs " + what);
        }
    }

    private void checkPayable(OrderView order, Caller caller) {
        if (order == null || !caller.userId().equals(order.userId())) {
            throw ApiException.notFound("ORDER_NOT_FOUND", "order not found");
        }
        if (!OrderView.WAIT_PAY.equals(order.state())) {
            throw ApiException.conflict("ORDER_NOT_PAYABLE", "order is " + order.state() + ", not WAIT_PAY");
        }
        if (order.amountFen() == null || order.amountFen() <= 0) {
            throw ApiException.conflict("ORDER_NOT_PAYABLE", "order has no payable amount");
        }
    }

    private Uni<Payment> findOrCreate(PayRequest request, String payerApp, PaymentProvider provider) {
        Instant now = Instant.now();
        // An app's order is locked first: two requests for it queue here, and the second sees the first's payment.
        Uni<Void> locked = request.oneOpenPayment()
                ? appOrders.lock(request.appId(), request.orderSn(), request.metadata())
                : Uni.createFrom().voidItem();
        return locked.chain(() -> payments.countPaid(request.appId(), request.orderSn())).chain(paid -> {
            if (paid > 0) {
                throw ApiException.conflict("ORDER_ALREADY_PAID", "order is already paid");
            }
            return payments.openByOrderNewestFirst(request.appId(), request.orderSn());
        }).chain(open -> {
            for (Payment p : open) {
                // Reuse the waiting payment (same out_trade_no at the provider); pay() asks for a fresh prepay when
                // its prepay expired (an H5 link after 5 minutes) or never came (a retry after a failed prepay).
                if (p.state == PaymentState.NOTPAY && p.channel == request.channel() && p.userId.equals(request.userId())
                        && Objects.equals(p.payerApp, payerApp) && Objects.equals(p.payerOpenid, payerOpenid(request))
                        && p.amountFen == request.amountFen() && p.expireAt.isAfter(now)) {
                    return Uni.createFrom().item(p);
                }
                // An app's order has one open payment: until it is CLOSED (even past its expiry, even failed: the
                // provider may still report it paid) another would be a second way to pay the same order.
                if (request.oneOpenPayment()) {
                    throw ApiException.conflict("PAYMENT_IN_PROGRESS", "order " + request.orderSn() + " has open payment "
                            + p.paySn + " (" + p.state + ", " + p.amountFen + " fen through " + p.channel + "); close it first");
                }
            }
            Payment p = new Payment();
            p.paySn = PaySn.next();
            p.appId = request.appId();
            p.orderSn = request.orderSn();
            p.userId = request.userId();
            p.channel = request.channel();
            p.payerApp = payerApp;
            p.payerOpenid = payerOpenid(request);
            p.provider = provider.id();
            p.amountFen = request.amountFen();
            p.subject = request.subject();
            p.state = PaymentState.NOTPAY;
            Instant ttl = now.plus(config.prepayTtl());
            p.expireAt = request.orderExpireAt() != null && request.orderExpireAt().isBefore(ttl) ? request.orderExpireAt() : ttl;
            p.createdAt = now;
            p.updatedAt = now;
            return p.<Payment>persist();
        });
    }

    private Uni<Created> prepay(PaymentProvider provider, Payment payment, PayRequest request) {
        return provider.prepay(new PaymentProvider.PrepayRequest(payment, request.channel(), request.openid(),
                        request.clientIp(), request.returnUrl()))
                .onFailure(ProviderException.class).invoke(f -> LOG.warnf("Prepay for %s failed: %s", payment.paySn, f.getMessage()))
                .chain(result -> Panache.withTransaction(() -> payments.findByPaySn(payment.paySn).map(p -> {
                    p.prepayId = result.prepayId();
                    p.prepayUrl = result.url();
                    p.prepayExpireAt = result.validUntil() != null && result.validUntil().isBefore(p.expireAt)
                            ? result.validUntil() : p.expireAt;
                    p.updatedAt = Instant.now();
                    return p;
                })))
                .map(p -> new Created(p, provider.checkoutParameters(p), true));
    }

    private static String subject(OrderView order) {
        String title = order.title() == null || order.title().isBlank() ? "Order " + order.orderSn() : order.title();
        // WeChat's description allows 127 characters.
        return title.length() > 127 ? title.substring(0, 127) : title;
    }

    public Uni<List<Payment>> byOrder(String appId, String orderSn, String userId) {
        return Panache.withSession(() -> payments.byOrder(appId, orderSn, userId));
    }
}
