package com.paygate.order.service;

import com.paygate.order.config.OrderConfig;
import com.paygate.order.domain.Snowflake;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands out order numbers: snowflake ids in decimal (at most 19 digits, increasing, unique across replicas). */
@ApplicationScoped
public class OrderNumbers {

    private final Snowflake snowflake;

    public OrderNumbers(OrderConfig config) {
        this.snowflake = new Snowflake(config.snowflake().workerId(), System::currentTimeMillis,
                config.snowflake().maxBackwardWait().toMillis());
    }

    public String next() {
        return Long.toString(snowflake.nextId());
    }
}
