package com.paygate.order.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** POST /api/orders. There is no price here on purpose: the server prices the order from the catalog. */
@RegisterForReflection
public record CreateOrderRequest(
        @NotNull Long productId,
        @NotNull @Min(1) @Max(99) Integer quantity,
        @Size(max = 200) String remark) {
}
