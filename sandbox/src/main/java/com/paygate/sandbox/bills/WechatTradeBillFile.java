package com.paygate.sandbox.bills;

import com.paygate.sandbox.store.Provider;
import java.nio.charset.StandardCharsets;

/**
 * WeChat Pay's trade bill, bill_type ALL: UTF-8 CSV, the 27-column detail header, one row per payment (交易状态
 * SUCCESS) and per refund (REFUND), then the summary header and one summary row; every data value is prefixed with
 * a backtick, headers are not.
 *
 * <p>A refund row's 交易时间 is the refund's success time; real WeChat puts the time the refund was accepted
 * there. The sandbox accepts and settles within moments, so only a refund accepted just before midnight would land
 * on another day than WeChat would put it.
 */
final class WechatTradeBillFile {

    static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
            + "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,"
            + "手续费,费率,订单金额,申请退款金额,费率备注";
    static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

    private WechatTradeBillFile() {
    }

    static BillFile write(BillLines.Day day, int feeBasisPoints, boolean gzip) {
        BillText text = new BillText(StandardCharsets.UTF_8, gzip);
        String rate = BillText.rate(feeBasisPoints);
        long[] totals = new long[4]; // rows, settled (= ordered), refunded (= requested), fees
        text.line(HEADER);
        day.forEach(line -> {
            long fee = BillText.fee(line.payment() ? line.amountFen() : -line.amountFen(), feeBasisPoints);
            String amount = BillText.yuan(line.amountFen());
            boolean pay = line.payment();
            text.backticked(
                    BillText.time(line.time()), line.appId(), line.merchantId(), "0", "", line.transactionId(), line.outTradeNo(),
                    line.payer(), line.tradeType(), pay ? "SUCCESS" : "REFUND", "OTHERS", "CNY",
                    pay ? amount : "0.00", "0.00",
                    pay ? "0" : line.refundId(), pay ? "0" : line.outRefundNo(), pay ? "0.00" : amount, "0.00",
                    pay ? "" : "ORIGINAL", pay ? "" : "SUCCESS",
                    BillText.text(line.description()), "", BillText.yuan5(fee), rate,
                    pay ? amount : "0.00", pay ? "0.00" : amount, "");
            totals[0]++;
            totals[pay ? 1 : 2] += line.amountFen();
            totals[3] += fee;
        });
        text.line(SUMMARY_HEADER);
        text.backticked(Long.toString(totals[0]), BillText.yuan(totals[1]), BillText.yuan(totals[2]), "0.00",
                BillText.yuan5(totals[3]), BillText.yuan(totals[1]), BillText.yuan(totals[2]));
        BillText.Written written = text.finish();
        String name = "tradebill_" + day.date() + (gzip ? ".csv.gz" : ".csv");
        return new BillFile(Provider.WECHAT, name, contentType(gzip), written.bytes(), written.sha1());
    }

    static String contentType(boolean gzip) {
        return gzip ? "application/x-gzip" : "text/plain;charset=utf-8";
    }
}
