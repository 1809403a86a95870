package com.paygate.sandbox.bills;

import com.paygate.sandbox.store.Provider;
import java.nio.charset.StandardCharsets;

/**
 * WeChat Pay's fund-flow bill of the basic account: UTF-8 CSV, the 11-column header, one row per movement of money
 * with the running balance, then the summary header and row, data values backticked as in the trade bill.
 * A payment is an income (交易) followed by its fee (扣除交易手续费, an expense); a refund is an expense (退款)
 * followed by the fee given back (退还交易手续费, an income). Zero fees make no row. Counts in the summary are
 * written as WeChat's sample writes them ({@code 20.0}).
 */
final class WechatFundFlowFile {

    static final String HEADER = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
    static final String SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

    private WechatFundFlowFile() {
    }

    /** @param openingFen the balance before the day */
    static BillFile write(BillLines.Day day, int feeBasisPoints, boolean gzip, long openingFen) {
        BillText text = new BillText(StandardCharsets.UTF_8, gzip);
        FlowState flow = new FlowState(text, day.date().toString().replace("-", ""), openingFen);
        text.line(HEADER);
        day.forEach(line -> {
            long fee = BillText.fee(line.amountFen(), feeBasisPoints);
            if (line.payment()) {
                flow.row(line, line.transactionId(), "交易", true, line.amountFen(), line.outTradeNo(),
                        "结算总金额 " + BillText.yuan(line.amountFen()) + " 元;含手续费 " + BillText.yuan(fee) + " 元");
                if (fee != 0) {
                    flow.row(line, line.transactionId(), "扣除交易手续费", false, fee, line.outTradeNo(), "");
                }
            } else {
                flow.row(line, line.refundId(), "退款", false, line.amountFen(), line.outRefundNo(), BillText.text(line.reason()));
                if (fee != 0) {
                    flow.row(line, line.refundId(), "退还交易手续费", true, fee, line.outRefundNo(), "");
                }
            }
        });
        text.line(SUMMARY_HEADER);
        text.backticked(flow.rows + ".0", flow.incomes + ".0", BillText.yuan(flow.incomeFen), flow.expenses + ".0",
                BillText.yuan(flow.expenseFen));
        BillText.Written written = text.finish();
        String name = "fundflowbill_" + day.date() + (gzip ? ".csv.gz" : ".csv");
        return new BillFile(Provider.WECHAT, name, WechatTradeBillFile.contentType(gzip), written.bytes(), written.sha1());
    }

    private static final class FlowState {
        private final BillText text;
        private final String flowIdPrefix;
        private long balance;
        private long rows;
        private long incomes;
        private long incomeFen;
        private long expenses;
        private long expenseFen;

        FlowState(BillText text, String day, long opening) {
            this.text = text;
            this.flowIdPrefix = day;
            this.balance = opening;
        }

        void row(BillLine line, String businessNo, String business, boolean income, long fen, String voucher, String remark) {
            rows++;
            if (income) {
                incomes++;
                incomeFen += fen;
                balance += fen;
            } else {
                expenses++;
                expenseFen += fen;
                balance -= fen;
            }
            // 资金流水单号: the merchant id, the day and a counter (WeChat's own look like 1900009231201802015884652186).
            String counter = Long.toString(rows);
            String flowId = line.merchantId() + flowIdPrefix + "0".repeat(Math.max(0, 10 - counter.length())) + counter;
            text.backticked(BillText.time(line.time()), businessNo, flowId, business, business, income ? "收入" : "支出",
                    BillText.yuan(fen), BillText.yuan(balance), "system", remark, voucher);
        }
    }
}
