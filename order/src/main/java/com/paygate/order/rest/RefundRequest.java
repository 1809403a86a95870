package com.paygate.order.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The owner's request to get the money of a paid, unused order back; the reason goes to the payment service. */
@RegisterForReflection
public record RefundRequest(@NotBlank @Size(max = 200) String reason) {
}
