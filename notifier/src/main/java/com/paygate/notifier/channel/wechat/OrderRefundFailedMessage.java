package com.paygate.notifier.channel.wechat;

import static com.paygate.notifier.channel.wechat.OrderPaidMessage.thing;
import static com.paygate.notifier.channel.wechat.OrderPaidMessage.yuan;

import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.domain.Notification;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps a refused refund onto the order-refund-failed subscribe template: the order is paid and usable again. */
final class OrderRefundFailedMessage {

    private OrderRefundFailedMessage() {
    }

    /** Only called when {@link WechatChannel#canReach} found the template configured. */
    static WechatModels.SubscribeMessage build(Notification n, NotifierConfig.Wechat config) {
        NotifierConfig.OrderRefundFailedKeys keys = config.orderRefundFailedKeys();
        Map<String, WechatModels.DataValue> data = new LinkedHashMap<>();
        data.put(keys.orderSn(), new WechatModels.DataValue(n.orderSn()));
        data.put(keys.title(), new WechatModels.DataValue(thing(n.title())));
        data.put(keys.amount(), new WechatModels.DataValue(yuan(n.amountFen())));
        data.put(keys.reason(), new WechatModels.DataValue(thing(keys.reasonText())));
        return OrderPaidMessage.message(n, config, config.templateId().orderRefundFailed().orElseThrow(), data);
    }
}
