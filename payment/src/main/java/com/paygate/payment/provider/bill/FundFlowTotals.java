package com.paygate.payment.provider.bill;

/**
 * What a WeChat Pay fund-flow bill's entries add up to, checked against its summary row. Amounts in fen, always
 * positive: the direction is in which total they count toward.
 *
 * @param entries      资金流水总笔数
 * @param incomeCount  收入笔数
 * @param incomeFen    收入金额
 * @param expenseCount 支出笔数
 * @param expenseFen   支出金额
 */
public record FundFlowTotals(long entries, long incomeCount, long incomeFen, long expenseCount, long expenseFen) {

    public static final FundFlowTotals EMPTY = new FundFlowTotals(0, 0, 0, 0, 0);

    /** Net movement of the account in fen: income less expense. */
    public long netFen() {
        return incomeFen - expenseFen;
    }
}
