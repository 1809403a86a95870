package com.paygate.order.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RegisterForReflection
public record RedeemRequest(@NotBlank @Size(max = 32) String redeemCode) {
}
