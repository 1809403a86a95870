package com.paygate.order.service;

/** What a caller asks for; the price comes from the catalog, never from the caller. */
public record NewOrder(String userId, String openid, long productId, int quantity, String remark) {
}
