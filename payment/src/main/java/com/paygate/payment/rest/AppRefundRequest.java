package com.paygate.payment.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A refund an app asks for: of its own payment, under an Idempotency-Key header. */
public record AppRefundRequest(@NotNull @Positive Long amountFen, @Size(max = 200) String reason) {
}
