package com.paygate.order.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record RedeemRequest(@NotBlank @Size(max = 32) String redeemCode) {
}
