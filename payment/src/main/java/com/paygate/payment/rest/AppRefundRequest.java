package com.paygate.payment.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A refund an app asks for: of its own payment, under an Idempotency-Key header. */
@RegisterForReflection // read by our ObjectMapper after the signature check, not as a REST entity
public record AppRefundRequest(@NotNull @Positive Long amountFen, @Size(max = 200) String reason) {
}
