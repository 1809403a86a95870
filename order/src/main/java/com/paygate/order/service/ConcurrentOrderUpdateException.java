package com.paygate.order.service;

import com.paygate.common.error.ApiException;

/**
 * The versioned update found a newer version: someone else changed the order since it was read. Nothing was
 * changed; the caller may read again and retry (the payment consumer does). Answers 409 on the API.
 */
public class ConcurrentOrderUpdateException extends ApiException {

    public ConcurrentOrderUpdateException(String orderSn) {
        super(409, "CONCURRENT_UPDATE", "Order " + orderSn + " was changed concurrently; read it again");
    }
}
