package com.paygate.sandbox.notify;

import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How one provider tells merchants about trades: message format, signing, acknowledgement, retry schedule. */
public interface ProviderProtocol {

    Provider provider();

    /** The provider's id for a payment (WeChat transaction_id, Alipay trade_no). */
    String newTransactionId();

    /** @param amountDelta added to the amounts claimed (the wrongAmount fault) */
    Notification paid(Trade trade, long amountDelta);

    /** A notification built from an earlier version of the trade, dated before the current one (outOfOrder fault). */
    Notification stale(Trade earlier);

    Map<String, String> headers(Notification notification);

    /** Whether the merchant's answer ends the deliveries. */
    boolean accepted(int status, String body);

    /**
     * Where the payer's browser goes after paying: WeChat H5 uses the merchant's {@code redirect_url} as given,
     * Alipay the trade's return_url with signed result parameters. Null: stay on the page.
     */
    String returnUrl(Trade trade, String requestedRedirect);

    /** Waits between attempts: attempt n+1 follows attempt n after the n-th entry; none left means give up. */
    List<Duration> retrySchedule();
}
