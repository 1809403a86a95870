package com.paygate.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * A payment as the platform reports it. Amounts are in fen (1/100 yuan) so no rounding ever happens.
 *
 * @param state the payment's state name as the server spells it (kept a String so new states do not break clients)
 * @param paidAfterClose true when the payer paid after the payment was closed: the money arrived and needs a refund
 * @param testMode true for a payment of an app created in test mode: made in the platform's sandbox, no real money
 * @param prepay what the app hands to the payer's device or page to pay (channel-specific, e.g. a code URL)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Payment(String paySn, String appId, String bizOrderNo, String channel, String state, long amountFen,
        long refundedFen, String subject, String transactionId, Instant paidAt, boolean paidAfterClose,
        Instant expireAt, Instant createdAt, boolean testMode, Map<String, String> metadata, Map<String, Object> prepay) {
}
