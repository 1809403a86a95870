package com.paygate.payment.provider.bill;

import static com.paygate.payment.provider.bill.BillFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WechatFundFlowBillParserTest {

    /** As the v2 doc's sample and the bills captured from the v3 API write it: ASCII parentheses. */
    private static final String HEADER = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
    private static final String SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";
    /** The official sample row, literally. */
    private static final String SAMPLE_ROW = "`2018-02-01 04:21:23,`50000305742018020103387128253,`1900009231201802015884652186,`退款,"
            + "`退款,`支出,`0.02,`0.17,`system,`缺货,`REF4200000068201801293084726067";
    /** The real-looking capture from the research notes, literally. */
    private static final String CAPTURED_ROW = "`2021-04-11 21:35:06,`4200000934202104116411967580,`4200000934202104116411967580,"
            + "`交易,`交易,`收入,`0.01,`0.01,`system,`结算总金额 0.01 元;含手续费 0.00 元,`1618148094082_GT";

    private final WechatFundFlowBillParser parser = new WechatFundFlowBillParser();

    @Test
    void theSampleRowsWithAMatchingSummary() throws IOException {
        FundFlowTotals totals = parser.parse(utf8(HEADER, SAMPLE_ROW, CAPTURED_ROW, SUMMARY_HEADER, "`2.0,`1.0,`0.01,`1.0,`0.02"));
        assertEquals(new FundFlowTotals(2, 1, 1, 1, 2), totals);
        assertEquals(-1, totals.netFen());
    }

    @Test
    void theOfficialSampleAsPublishedIsCaughtByItsSummary() {
        // The sample's summary (20 entries) is a whole day's; with its one row it must not pass.
        BillFormatException e = assertThrows(BillFormatException.class,
                () -> parser.parse(utf8(HEADER, SAMPLE_ROW, SUMMARY_HEADER, "`20.0,`17.0,`0.35,`3.0,`0.18")));
        assertTrue(e.getMessage().startsWith("line 4: the summary contradicts the rows: 资金流水总笔数 20 but the rows count 1;"),
                e.getMessage());
        assertTrue(e.getMessage().contains("支出金额 0.18 but the rows add up to 0.02"), e.getMessage());
    }

    @Test
    void fullWidthParenthesesAndIntegerCounts() throws IOException {
        String header = HEADER.replace("(元)", "（元）");
        FundFlowTotals totals = parser.parse(utf8(header, CAPTURED_ROW, CAPTURED_ROW.replace("`0.01,`0.01", "`12.30,`12.31"),
                SAMPLE_ROW, SUMMARY_HEADER, "`3,`2,`12.31,`1,`0.02"));
        assertEquals(new FundFlowTotals(3, 2, 1231, 1, 2), totals);
    }

    @Test
    void anEmptyBill() throws IOException {
        assertEquals(FundFlowTotals.EMPTY, parser.parse(utf8(HEADER, SUMMARY_HEADER, "`0.0,`0.0,`0.00,`0.0,`0.00")));
    }

    @Test
    void whatItRefuses() {
        assertEquals("line 2: 收支类型 '其他' is neither 收入 nor 支出",
                refused(HEADER, SAMPLE_ROW.replace("`支出", "`其他"), SUMMARY_HEADER, "`1,`0,`0.00,`1,`0.02"));
        assertEquals("line 2: 收支金额(元) '0.0x' is not a decimal amount",
                refused(HEADER, SAMPLE_ROW.replace("`0.02", "`0.0x"), SUMMARY_HEADER, "`1,`0,`0.00,`1,`0.02"));
        assertEquals("line 4: 资金流水总笔数 '1.5' is not a whole number",
                refused(HEADER, SAMPLE_ROW, SUMMARY_HEADER, "`1.5,`0,`0.00,`1,`0.02"));
        assertEquals("line 2: the bill ends without its summary (资金流水总笔数...)", refused(HEADER, SAMPLE_ROW));
        assertEquals("line 1: the header lacks column(s) 收支金额(元)", refused(HEADER.replace("收支金额(元)", "金额")));
        assertEquals("line 2: 10 values where the header has 11",
                refused(HEADER, SAMPLE_ROW.substring(0, SAMPLE_ROW.lastIndexOf(",`"))));
    }

    private String refused(String... lines) {
        return assertThrows(BillFormatException.class, () -> parser.parse(utf8(lines))).getMessage();
    }
}
