package com.paygate.order.service;

import com.paygate.order.repository.OrderEntity;
import java.util.List;

public record OrderPage(List<OrderEntity> items, int page, int size, long total) {
}
