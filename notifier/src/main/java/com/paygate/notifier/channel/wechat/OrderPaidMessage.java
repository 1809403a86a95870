package com.paygate.notifier.channel.wechat;

import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.domain.Notification;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps a paid-order notification onto the order-paid subscribe template, within WeChat's keyword rules. */
final class OrderPaidMessage {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
    /** A "thing" keyword holds at most 20 characters; longer titles are cut, not refused. */
    private static final int THING_MAX = 20;

    private OrderPaidMessage() {
    }

    static WechatModels.SubscribeMessage build(Notification n, NotifierConfig.Wechat config) {
        NotifierConfig.OrderPaidKeys keys = config.orderPaidKeys();
        Map<String, WechatModels.DataValue> data = new LinkedHashMap<>();
        data.put(keys.orderSn(), value(n.orderSn()));
        data.put(keys.title(), value(thing(n.title())));
        data.put(keys.amount(), value(yuan(n.amountFen())));
        data.put(keys.redeemCode(), value(n.redeemCode() == null || n.redeemCode().isBlank() ? "-" : n.redeemCode()));
        data.put(keys.paidAt(), value(n.at() == null ? "-" : PAID_AT.format(n.at())));
        return message(n, config, config.templateId().orderPaid(), data);
    }

    /** A subscribe message to the order's owner that opens the order's page; what differs is template and data. */
    static WechatModels.SubscribeMessage message(Notification n, NotifierConfig.Wechat config, String templateId,
            Map<String, WechatModels.DataValue> data) {
        return new WechatModels.SubscribeMessage(n.openid(), templateId,
                config.orderPaidPage().replace("{orderSn}", n.orderSn()), config.miniprogramState().wireValue(),
                config.lang(), data);
    }

    /** 1234 fen -> "¥12.34": exact decimal arithmetic, never floating point. */
    static String yuan(long fen) {
        return "¥" + BigDecimal.valueOf(fen, 2).toPlainString();
    }

    static String thing(String text) {
        if (text == null || text.isBlank()) {
            return "-";
        }
        if (text.codePointCount(0, text.length()) <= THING_MAX) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, THING_MAX - 1)) + "…";
    }

    private static WechatModels.DataValue value(String v) {
        return new WechatModels.DataValue(v);
    }
}
