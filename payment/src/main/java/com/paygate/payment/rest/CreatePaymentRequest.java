package com.paygate.payment.rest;

import com.paygate.payment.domain.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** No amount here on purpose: the amount comes from the order service. */
public record CreatePaymentRequest(@NotBlank @Size(max = 64) String orderSn, @NotNull Channel channel,
        @Size(max = 512) String returnUrl) {
}
