package com.paygate.sandbox.payer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** What a payer does with a trade: pay it or fail trying. */
@RegisterForReflection
public record PayRequest(@NotBlank String outTradeNo, @NotBlank @Pattern(regexp = "SUCCESS|FAIL") String outcome) {
}
