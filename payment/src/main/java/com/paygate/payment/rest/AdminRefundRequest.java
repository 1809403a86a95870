package com.paygate.payment.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An operator's (partial) refund: integer fen, a reason for the audit trail. */
@RegisterForReflection
public record AdminRefundRequest(@NotNull @Min(1) Long amountFen, @NotBlank @Size(max = 200) String reason) {
}
