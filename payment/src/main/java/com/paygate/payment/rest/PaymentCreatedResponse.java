package com.paygate.payment.rest;

import java.time.Instant;
import java.util.Map;

public record PaymentCreatedResponse(String paySn, String orderSn, String channel, String state, long amountFen,
        Instant expireAt, Map<String, Object> prepay) {
}
