package com.paygate.payment.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The fields of an order the payment needs; amount and title always come from here, never from the client. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderView(String orderSn, String state, Long amountFen, String title, Instant expireAt, String userId) {

    public static final String WAIT_PAY = "WAIT_PAY";
}
