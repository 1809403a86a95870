package com.paygate.sandbox.payer;

import com.paygate.common.error.ApiException;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.notify.NotificationService;
import com.paygate.sandbox.notify.ProviderProtocol;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import com.paygate.sandbox.store.TradeStore;
import com.paygate.sandbox.store.TradeStore.Transition;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;

/**
 * The payer's side of a trade, shared by {@code POST /sandbox/pay} and the checkout pages' buttons: pay or fail,
 * then let the provider notify the merchant.
 */
@ApplicationScoped
public class PayerService {

    private final TradeStore store;
    private final NotificationService notifications;
    private final Faults faults;
    private final SecureRandom random = new SecureRandom();

    public PayerService(TradeStore store, NotificationService notifications, Faults faults) {
        this.store = store;
        this.notifications = notifications;
        this.faults = faults;
    }

    public Trade find(String outTradeNo) {
        return store.find(outTradeNo)
                .orElseThrow(() -> ApiException.notFound("TRADE_NOT_FOUND", "No trade with out_trade_no " + outTradeNo));
    }

    public Trade pay(String outTradeNo, boolean success) {
        return pay(outTradeNo, success, false);
    }

    /** {@code afterClose}: a closed or expired trade is paid too (a payment that crossed the close), once. */
    public Trade pay(String outTradeNo, boolean success, boolean afterClose) {
        ProviderProtocol protocol = notifications.protocol(find(outTradeNo).provider());
        OffsetDateTime now = OffsetDateTime.now();
        // The success time is a business time (businessDayShift moves it); expiry is judged in real time.
        OffsetDateTime paidAt = faults.businessNow();
        Transition transition = store.update(outTradeNo, trade -> {
            boolean late = afterClose && success && trade.state() == TradeState.CLOSED;
            if (!trade.state().payable() && !late) {
                throw ApiException.conflict("TRADE_FINAL", "The trade is already " + trade.state());
            }
            if (!afterClose && trade.timeExpire() != null && trade.timeExpire().isBefore(now)) {
                throw ApiException.conflict("TRADE_EXPIRED", "The trade expired at " + trade.timeExpire());
            }
            String transactionId = trade.transactionId() != null ? trade.transactionId() : protocol.newTransactionId();
            return success ? trade.paid(transactionId, paidAt, buyerId(), "sbx***@sandbox.example") : trade.failed(transactionId);
        });
        if (success) {
            notifications.tradePaid(transition);
        }
        return transition.after();
    }

    private String buyerId() {
        StringBuilder id = new StringBuilder("2088");
        while (id.length() < 16) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }
}
