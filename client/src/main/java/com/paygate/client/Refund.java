package com.paygate.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A refund of (part of) a payment; amounts in fen.
 *
 * @param state the refund's state name as the server spells it
 * @param stateDesc a human-readable explanation of the state (e.g. why the channel rejected it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Refund(String refundSn, String paySn, long amountFen, String state, String stateDesc, String reason,
        Instant createdAt, Instant succeededAt) {
}
