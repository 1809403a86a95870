package com.paygate.payment.rest;

import com.paygate.payment.domain.Channel;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** An app's payment request: unlike the user API, the app states the amount (its server priced the order). */
@RegisterForReflection // read by our ObjectMapper after the signature check, not as a REST entity
public record AppPaymentRequest(@NotBlank @Size(max = 64) String bizOrderNo,
        @NotNull @Positive @Max(100_000_000_000L) Long amountFen,
        @NotBlank @Size(max = 127) String subject, @NotNull Channel channel, @Size(max = 128) String openid,
        @Size(max = 45) String payerClientIp, @Size(max = 512) String returnUrl, Instant expireAt,
        Map<String, String> metadata) {
}
