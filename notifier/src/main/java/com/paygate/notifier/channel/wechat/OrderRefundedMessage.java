package com.paygate.notifier.channel.wechat;

import static com.paygate.notifier.channel.wechat.OrderPaidMessage.thing;
import static com.paygate.notifier.channel.wechat.OrderPaidMessage.yuan;

import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.domain.Notification;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps a refunded-order notification onto the order-refunded subscribe template (same keyword rules as paid). */
final class OrderRefundedMessage {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(OrderPaidMessage.CHINA);

    private OrderRefundedMessage() {
    }

    /** Only called when {@link WechatChannel#canReach} found the template configured. */
    static WechatModels.SubscribeMessage build(Notification n, NotifierConfig.Wechat config) {
        NotifierConfig.OrderRefundedKeys keys = config.orderRefundedKeys();
        Map<String, WechatModels.DataValue> data = new LinkedHashMap<>();
        data.put(keys.orderSn(), new WechatModels.DataValue(n.orderSn()));
        data.put(keys.title(), new WechatModels.DataValue(thing(n.title())));
        data.put(keys.amount(), new WechatModels.DataValue(yuan(n.amountFen())));
        data.put(keys.refundedAt(), new WechatModels.DataValue(n.at() == null ? "-" : AT.format(n.at())));
        return OrderPaidMessage.message(n, config, config.templateId().orderRefunded().orElseThrow(), data);
    }
}
