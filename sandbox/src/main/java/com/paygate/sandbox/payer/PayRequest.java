package com.paygate.sandbox.payer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * What a payer does with a trade: pay it or fail trying. {@code afterClose}: the money arrives although the trade was
 * closed (the payer's payment crossed the merchant's close), the late payment the merchant must refund.
 */
@RegisterForReflection
public record PayRequest(@NotBlank String outTradeNo, @NotBlank @Pattern(regexp = "SUCCESS|FAIL") String outcome,
        Boolean afterClose) {
}
