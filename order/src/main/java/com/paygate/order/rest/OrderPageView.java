package com.paygate.order.rest;

import com.paygate.order.service.OrderPage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record OrderPageView(List<OrderView> items, int page, int size, long total) {

    static OrderPageView of(OrderPage p) {
        return new OrderPageView(p.items().stream().map(OrderView::of).toList(), p.page(), p.size(), p.total());
    }
}
