package com.paygate.payment.provider.bill;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * WeChat Pay v3's trade bill ({@code GET /v3/bill/tradebill?bill_type=ALL}), uncompressed UTF-8: the caller undoes
 * the gzip and checks the SHA-1. Columns are found by name; SUCCESS and REVOKED rows are payments (amount 订单金额,
 * or 应结订单金额 in a bill without it), REFUND rows refunds (amount 申请退款金额, or 退款金额; state 退款状态, a
 * snapshot taken when the bill was made). The summary row is checked against the rows: row count, 应结订单总金额,
 * 退款总金额, 手续费总金额, and 订单总金额 / 申请退款总金额 when the bill has their columns.
 *
 * <p>Lines reach the consumer as they are read, before the summary is checked: keep them provisional until
 * {@link #parse} returns.
 */
public final class WechatTradeBillParser implements BillParser {

    private static final String TIME = "交易时间";
    private static final String TRANSACTION_ID = "微信订单号";
    private static final String OUT_TRADE_NO = "商户订单号";
    private static final String TRADE_TYPE = "交易类型";
    private static final String TRADE_STATE = "交易状态";
    private static final String SETTLEMENT_AMOUNT = "应结订单金额";
    private static final String REFUND_ID = "微信退款单号";
    private static final String OUT_REFUND_NO = "商户退款单号";
    private static final String REFUND_AMOUNT = "退款金额";
    private static final String REFUND_STATE = "退款状态";
    private static final String FEE = "手续费";
    private static final String ORDER_AMOUNT = "订单金额";
    private static final String REQUESTED_REFUND = "申请退款金额";

    private static final String TOTAL_ROWS = "总交易单数";
    private static final String TOTAL_SETTLEMENT = "应结订单总金额";
    private static final String TOTAL_REFUNDED = "退款总金额";
    private static final String TOTAL_FEE = "手续费总金额";
    private static final String TOTAL_ORDER = "订单总金额";
    private static final String TOTAL_REQUESTED_REFUND = "申请退款总金额";

    @Override
    public BillTotals parse(InputStream bill, Consumer<BillLine> lines) throws IOException {
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(lines, "lines");
        WechatCsv csv = new WechatCsv(bill, TOTAL_ROWS);
        int[] c = csv.header().require(csv.line(), TIME, TRANSACTION_ID, OUT_TRADE_NO, TRADE_TYPE, TRADE_STATE,
                SETTLEMENT_AMOUNT, REFUND_ID, OUT_REFUND_NO, REFUND_AMOUNT, REFUND_STATE, FEE);
        // A line's amount is what the payer was asked for (订单金额, 申请退款金额): what we recorded. The settled
        // amounts (应结订单金额, 退款金额) are lower by merchant-funded coupons; they are only checked against the summary.
        int orderAmount = csv.header().indexOf(ORDER_AMOUNT);
        int requestedRefund = csv.header().indexOf(REQUESTED_REFUND);
        BillTotals totals = BillTotals.EMPTY;
        long orderFen = 0;
        long requestedFen = 0;
        long settledPaidFen = 0;
        long settledRefundedFen = 0;
        while (csv.nextRow()) {
            int at = csv.line();
            BillLine line = line(csv, c, at, orderAmount, requestedRefund);
            if (orderAmount >= 0) {
                orderFen = Math.addExact(orderFen, BillValues.fen(csv.value(orderAmount), ORDER_AMOUNT, at));
            }
            if (line.kind() == BillLine.Kind.PAYMENT) {
                settledPaidFen = Math.addExact(settledPaidFen, amount(csv.value(c[5]), SETTLEMENT_AMOUNT, at));
            } else {
                settledRefundedFen = Math.addExact(settledRefundedFen, amount(csv.value(c[8]), REFUND_AMOUNT, at));
                requestedFen = requestedRefund >= 0 ? Math.addExact(requestedFen, line.amountFen()) : requestedFen;
            }
            totals = totals.plus(line);
            lines.accept(line);
        }
        WechatCsv.Summary summary = csv.summary(TOTAL_ROWS, TOTAL_SETTLEMENT, TOTAL_REFUNDED, TOTAL_FEE);
        List<String> differences = new ArrayList<>();
        long rows = summary.count(TOTAL_ROWS);
        if (rows != totals.lines()) {
            differences.add(TOTAL_ROWS + " " + rows + " but the bill has " + totals.lines() + " rows");
        }
        compare(differences, TOTAL_SETTLEMENT, summary.units(TOTAL_SETTLEMENT, 2), settledPaidFen, 2, "payments");
        compare(differences, TOTAL_REFUNDED, summary.units(TOTAL_REFUNDED, 2), settledRefundedFen, 2, "refunds");
        if (requestedRefund >= 0 && summary.has(TOTAL_REQUESTED_REFUND)) {
            compare(differences, TOTAL_REQUESTED_REFUND, summary.units(TOTAL_REQUESTED_REFUND, 2), requestedFen, 2, REQUESTED_REFUND);
        }
        compare(differences, TOTAL_FEE, summary.units(TOTAL_FEE, 5), totals.feeMilliFen(), 5, "fees");
        if (orderAmount >= 0 && summary.has(TOTAL_ORDER)) {
            compare(differences, TOTAL_ORDER, summary.units(TOTAL_ORDER, 2), orderFen, 2, ORDER_AMOUNT);
        }
        if (!differences.isEmpty()) {
            throw BillValues.error(summary.line(), "the summary contradicts the rows: " + String.join("; ", differences));
        }
        return totals;
    }

    private static BillLine line(WechatCsv csv, int[] c, int at, int orderAmount, int requestedRefund) {
        Instant time = BillValues.chinaTime(csv.value(c[0]), TIME, at);
        String transactionId = required(csv.value(c[1]), TRANSACTION_ID, at);
        String outTradeNo = csv.value(c[2]);
        String tradeType = csv.value(c[3]);
        String state = csv.value(c[4]);
        long fee = BillValues.units(csv.value(c[10]), 5, FEE, at);
        return switch (state) {
            case "SUCCESS", "REVOKED" -> new BillLine(BillLine.Kind.PAYMENT, outTradeNo, null, transactionId, null,
                    orderAmount >= 0 ? amount(csv.value(orderAmount), ORDER_AMOUNT, at) : amount(csv.value(c[5]), SETTLEMENT_AMOUNT, at),
                    fee, tradeType, state, time);
            case "REFUND" -> new BillLine(BillLine.Kind.REFUND, outTradeNo, required(csv.value(c[7]), OUT_REFUND_NO, at),
                    transactionId, required(csv.value(c[6]), REFUND_ID, at), requestedRefund >= 0
                            ? amount(csv.value(requestedRefund), REQUESTED_REFUND, at) : amount(csv.value(c[8]), REFUND_AMOUNT, at),
                    fee, tradeType, csv.value(c[9]), time);
            // An unknown state could be money either way; guessing would make the totals lie.
            default -> throw BillValues.error(at, TRADE_STATE + " '" + state + "' is none of SUCCESS, REFUND, REVOKED");
        };
    }

    private static long amount(String value, String column, int at) {
        long fen = BillValues.fen(value, column, at);
        if (fen < 0) {
            throw BillValues.error(at, column + " '" + value + "' is negative");
        }
        return fen;
    }

    private static String required(String value, String column, int at) {
        if (value.isEmpty()) {
            throw BillValues.error(at, column + " is empty");
        }
        return value;
    }

    private static void compare(List<String> differences, String column, long stated, long counted, int decimals,
            String what) {
        if (stated != counted) {
            differences.add(column + " " + BillValues.yuan(stated, decimals) + " but the " + what + " add up to "
                    + BillValues.yuan(counted, decimals));
        }
    }
}
