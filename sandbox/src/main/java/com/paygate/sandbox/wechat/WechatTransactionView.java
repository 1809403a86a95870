package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.sandbox.store.Trade;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A trade in WeChat Pay's transaction format, the same for the query answer and the notification resource.
 * Fields WeChat only fills once the payer acted (transaction_id, success_time, payer_total) are absent before.
 */
@ApplicationScoped
public class WechatTransactionView {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final ObjectMapper json;

    public WechatTransactionView(ObjectMapper json) {
        this.json = json;
    }

    /** @param amountDelta added to the amounts claimed (the wrongAmount fault); 0 normally */
    public ObjectNode of(Trade trade, long amountDelta) {
        ObjectNode tx = json.createObjectNode()
                .put("appid", trade.appId())
                .put("mchid", trade.merchantId())
                .put("out_trade_no", trade.outTradeNo());
        if (trade.transactionId() != null) {
            tx.put("transaction_id", trade.transactionId());
        }
        tx.put("trade_type", trade.tradeType())
                .put("trade_state", trade.state().name())
                .put("trade_state_desc", describe(trade));
        if (trade.successTime() != null) {
            tx.put("bank_type", "OTHERS").put("success_time", rfc3339(trade.successTime()));
        }
        if (trade.payerOpenid() != null) {
            tx.putObject("payer").put("openid", trade.payerOpenid());
        }
        ObjectNode amount = tx.putObject("amount").put("total", trade.totalFen() + amountDelta);
        if (trade.successTime() != null) {
            amount.put("payer_total", trade.totalFen() + amountDelta);
        }
        amount.put("currency", trade.currency()).put("payer_currency", trade.currency());
        return tx;
    }

    public static String rfc3339(OffsetDateTime time) {
        return time.withOffsetSameInstant(CHINA).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String describe(Trade trade) {
        return switch (trade.state()) {
            case NOTPAY -> "订单未支付";
            case USERPAYING -> "用户支付中";
            case SUCCESS -> "支付成功";
            case PAYERROR -> "支付失败，请重新下单支付";
            case CLOSED -> "订单已关闭";
        };
    }
}
