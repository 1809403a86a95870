package com.paygate.payment.service;

import com.paygate.common.error.ApiException;
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
import org.jboss.logging.Logger;

/**
 * Creating payments: checks the order at the order service, reuses an open payment, persists NOTPAY, then asks
 * the provider for a prepay outside any transaction and stores it. A failed or expired prepay leaves a NOTPAY payment
 * without a valid prepay, which the next attempt reuses and prepays again (same out_trade_no: WeChat treats the
 * repeat as the same order). Each prepay is valid as long as its provider says (PrepayResult#validUntil).
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final ProviderRegistry providers;
    private final OrderClient orders;
    private final PaymentConfig config;

    public PaymentService(PaymentRepository payments, ProviderRegistry providers, OrderClient orders, PaymentConfig config) {
        this.payments = payments;
        this.providers = providers;
        this.orders = orders;
        this.config = config;
    }

    public record Caller(String userId, String openid, String token, String clientIp) {
    }

    /** created = false when an open payment was reused. */
    public record Created(Payment payment, Map<String, Object> checkout, boolean created) {
    }

    public Uni<Created> create(Caller caller, String orderSn, Channel channel, String returnUrl) {
        PaymentProvider provider = providers.forChannel(channel);
        if (channel == Channel.WECHAT_JSAPI && (caller.openid() == null || caller.openid().isBlank())) {
            throw ApiException.badRequest("OPENID_REQUIRED", "WECHAT_JSAPI needs a token with an openid claim");
        }
        return orders.get(orderSn, caller.token())
                .invoke(order -> checkPayable(order, caller))
                .chain(order -> Panache.withTransaction(() -> findOrCreate(order, caller, channel, provider)))
                .chain(payment -> {
                    if (payment.hasValidPrepay(Instant.now())) {
                        return Uni.createFrom().item(new Created(payment, provider.checkoutParameters(payment), false));
                    }
                    // A payment whose prepay ran out is reused (200) with a fresh prepay; a new one (or one whose
                    // prepay never came) is answered as created.
                    boolean renewed = payment.prepayExpireAt != null;
                    return prepay(provider, payment, caller, channel, returnUrl)
                            .map(c -> renewed ? new Created(c.payment(), c.checkout(), false) : c);
                });
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

    private Uni<Payment> findOrCreate(OrderView order, Caller caller, Channel channel, PaymentProvider provider) {
        Instant now = Instant.now();
        return payments.countPaid(order.orderSn()).chain(paid -> {
            if (paid > 0) {
                throw ApiException.conflict("ORDER_ALREADY_PAID", "order is already paid");
            }
            return payments.openByOrderAndChannel(order.orderSn(), channel);
        }).chain(open -> {
            for (Payment p : open) {
                // Reuse the open payment (same out_trade_no at the provider); create() asks for a fresh prepay when
                // its prepay expired (an H5 link after 5 minutes) or never came (a retry after a failed prepay).
                if (p.userId.equals(caller.userId()) && p.amountFen == order.amountFen() && p.expireAt.isAfter(now)) {
                    return Uni.createFrom().item(p);
                }
            }
            Payment p = new Payment();
            p.paySn = PaySn.next();
            p.orderSn = order.orderSn();
            p.userId = caller.userId();
            p.channel = channel;
            p.provider = provider.id();
            p.amountFen = order.amountFen();
            p.subject = subject(order);
            p.state = PaymentState.NOTPAY;
            Instant ttl = now.plus(config.prepayTtl());
            p.expireAt = order.expireAt() != null && order.expireAt().isBefore(ttl) ? order.expireAt() : ttl;
            p.createdAt = now;
            p.updatedAt = now;
            return p.<Payment>persist();
        });
    }

    private Uni<Created> prepay(PaymentProvider provider, Payment payment, Caller caller, Channel channel, String returnUrl) {
        return provider.prepay(new PaymentProvider.PrepayRequest(payment, channel, caller.openid(), caller.clientIp(), returnUrl))
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

    public Uni<List<Payment>> byOrder(String orderSn, String userId) {
        return Panache.withSession(() -> payments.byOrder(orderSn, userId));
    }
}
