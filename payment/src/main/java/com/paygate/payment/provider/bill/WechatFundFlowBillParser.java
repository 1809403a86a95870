package com.paygate.payment.provider.bill;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * WeChat Pay v3's fund-flow bill ({@code GET /v3/bill/fundflowbill}), uncompressed UTF-8: one row per movement of
 * the merchant account, 收支金额 always positive and its direction in 收支类型 (收入 income, 支出 expense). Read
 * streaming into {@link FundFlowTotals}, which must equal the summary row (whose counts are printed like
 * {@code 20.0}). Header names are matched after NFKC, so {@code 收支金额(元)} and {@code 收支金额（元）} both work.
 */
public final class WechatFundFlowBillParser {

    private static final String DIRECTION = "收支类型";
    private static final String AMOUNT = "收支金额(元)";
    private static final String INCOME = "收入";
    private static final String EXPENSE = "支出";

    private static final String TOTAL_ENTRIES = "资金流水总笔数";
    private static final String INCOME_COUNT = "收入笔数";
    private static final String INCOME_AMOUNT = "收入金额";
    private static final String EXPENSE_COUNT = "支出笔数";
    private static final String EXPENSE_AMOUNT = "支出金额";

    public FundFlowTotals parse(InputStream bill) throws IOException {
        Objects.requireNonNull(bill, "bill");
        WechatCsv csv = new WechatCsv(bill, TOTAL_ENTRIES);
        int[] c = csv.header().require(csv.line(), DIRECTION, AMOUNT);
        long incomeCount = 0;
        long incomeFen = 0;
        long expenseCount = 0;
        long expenseFen = 0;
        while (csv.nextRow()) {
            int at = csv.line();
            String direction = csv.value(c[0]);
            long fen = BillValues.fen(csv.value(c[1]), AMOUNT, at);
            if (fen < 0) {
                throw BillValues.error(at, AMOUNT + " '" + csv.value(c[1]) + "' is negative (the sign is in 收支类型)");
            }
            switch (direction) {
                case INCOME -> {
                    incomeCount++;
                    incomeFen = Math.addExact(incomeFen, fen);
                }
                case EXPENSE -> {
                    expenseCount++;
                    expenseFen = Math.addExact(expenseFen, fen);
                }
                default -> throw BillValues.error(at, DIRECTION + " '" + direction + "' is neither 收入 nor 支出");
            }
        }
        FundFlowTotals totals = new FundFlowTotals(incomeCount + expenseCount, incomeCount, incomeFen, expenseCount,
                expenseFen);
        WechatCsv.Summary summary = csv.summary(TOTAL_ENTRIES, INCOME_COUNT, INCOME_AMOUNT, EXPENSE_COUNT, EXPENSE_AMOUNT);
        List<String> differences = new ArrayList<>();
        compare(differences, TOTAL_ENTRIES, summary.count(TOTAL_ENTRIES), totals.entries(), -1);
        compare(differences, INCOME_COUNT, summary.count(INCOME_COUNT), totals.incomeCount(), -1);
        compare(differences, INCOME_AMOUNT, summary.units(INCOME_AMOUNT, 2), totals.incomeFen(), 2);
        compare(differences, EXPENSE_COUNT, summary.count(EXPENSE_COUNT), totals.expenseCount(), -1);
        compare(differences, EXPENSE_AMOUNT, summary.units(EXPENSE_AMOUNT, 2), totals.expenseFen(), 2);
        if (!differences.isEmpty()) {
            throw BillValues.error(summary.line(), "the summary contradicts the rows: " + String.join("; ", differences));
        }
        return totals;
    }

    /** decimals -1: a count. */
    private static void compare(List<String> differences, String column, long stated, long counted, int decimals) {
        if (stated != counted) {
            differences.add(decimals < 0
                    ? column + " " + stated + " but the rows count " + counted
                    : column + " " + BillValues.yuan(stated, decimals) + " but the rows add up to "
                            + BillValues.yuan(counted, decimals));
        }
    }
}
