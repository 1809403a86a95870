package com.paygate.payment.provider.bill;

import static com.paygate.payment.provider.bill.BillFixtures.ALIPAY_DETAIL_NAME;
import static com.paygate.payment.provider.bill.BillFixtures.ALIPAY_SAMPLE_PAYMENT;
import static com.paygate.payment.provider.bill.BillFixtures.ALIPAY_SAMPLE_REFUND;
import static com.paygate.payment.provider.bill.BillFixtures.ALIPAY_SUMMARY_NAME;
import static com.paygate.payment.provider.bill.BillFixtures.alipayDetail;
import static com.paygate.payment.provider.bill.BillFixtures.alipaySummary;
import static com.paygate.payment.provider.bill.BillFixtures.alipayZip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlipayTradeBillParserTest {

    private static final String SAMPLE_TRADE_TOTAL = "#交易合计：1笔，商家实收共0.01元，商家优惠共0.00元";
    private static final String SAMPLE_REFUND_TOTAL = "#退款合计：1笔，商家实收退款共-0.01元，商家优惠退款共0.00元";
    private static final String SAMPLE_SUMMARY_TOTAL = "合计,,1,1,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00";

    private final AlipayTradeBillParser parser = new AlipayTradeBillParser();

    @Test
    void theLiteralSampleRows() throws IOException {
        byte[] zip = alipayZip(ALIPAY_DETAIL_NAME, alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT,
                ALIPAY_SAMPLE_REFUND), ALIPAY_SUMMARY_NAME, alipaySummary(SAMPLE_SUMMARY_TOTAL));
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(new ByteArrayInputStream(zip), lines::add);

        assertEquals(List.of(
                new BillLine(BillLine.Kind.PAYMENT, "service_1568601259302", null, "2019091622001458860515315453", null, 1, 0,
                        "交易", "SUCCESS", Instant.parse("2019-09-16T02:55:23Z")),
                new BillLine(BillLine.Kind.REFUND, "service_1568601259302", "re_test_1568602607356", "2019091622001458860515315453",
                        null, 1, 0, "退款", "SUCCESS", Instant.parse("2019-09-16T02:56:48Z"))), lines);
        assertEquals(new BillTotals(1, 1, 1, 1, 0), totals);
    }

    @Test
    void theLiteralSampleAsPublishedIsCaughtByItsTotalsLines() {
        // The published totals lines are the whole day's (6 trades, 4 refunds), not its two sample rows'.
        byte[] zip = alipayZip(ALIPAY_DETAIL_NAME, alipayDetail("#交易合计：6笔，商家实收共0.06元，商家优惠共0.00元",
                "#退款合计：4笔，商家实收退款共-0.04元，商家优惠退款共0.00元", ALIPAY_SAMPLE_PAYMENT, ALIPAY_SAMPLE_REFUND),
                ALIPAY_SUMMARY_NAME, alipaySummary(SAMPLE_SUMMARY_TOTAL));
        String message = refused(zip);
        assertTrue(message.contains("#交易合计 6 but the detail has 1 交易 rows"), message);
        assertTrue(message.contains("#交易合计 商家实收 0.06 but the 交易 rows add up to 0.01"), message);
        assertTrue(message.contains("#退款合计 4 but the detail has 1 退款 rows"), message);
        assertTrue(message.contains("#退款合计 商家实收退款 -0.04 but the 退款 rows add up to -0.01"), message);
    }

    @Test
    void aDayOfPaymentsAndRefundsWithTheSummaryFirst() throws IOException {
        String detail = alipayDetail("#交易合计：2笔，商家实收共150.00元，商家优惠共0.00元", "#退款合计：1笔，商家实收退款共-30.00元，商家优惠退款共0.00元",
                row("2026120522001400000001", "P1", "交易", "2026-12-05 09:00:05", "100.00", "100.00", "", "0.60"),
                row("2026120522001400000002", "P2", "交易", "2026-12-05 23:59:59", "55.00", "50.00", "", "0.30"),
                row("2026120522001400000001", "P1", "退款", "2026-12-05 10:00:00", "-30.00", "-30.00", "R1", "-0.18"));
        String summary = alipaySummary("合计\t,\t,2,1,125.00,120.00,5.00,0.00,0.00,0.72,0.00,119.28");
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(new ByteArrayInputStream(alipayZip(ALIPAY_SUMMARY_NAME, summary, ALIPAY_DETAIL_NAME, detail)),
                lines::add);

        assertEquals(new BillTotals(2, 1, 15_500, 3000, 72_000), totals);
        BillLine refund = lines.get(2);
        assertEquals(BillLine.Kind.REFUND, refund.kind());
        assertEquals(3000, refund.amountFen());
        assertEquals(-18_000, refund.feeMilliFen());
        assertEquals("R1", refund.outRefundNo());
        assertEquals("2026120522001400000001", refund.providerTradeNo());
        assertEquals(Instant.parse("2026-12-05T02:00:00Z"), refund.at());
        assertEquals(60_000, lines.get(0).feeMilliFen());
        assertEquals(Instant.parse("2026-12-05T15:59:59Z"), lines.get(1).at());
    }

    @Test
    void anEmptyDayIsEmptyTotals() throws IOException {
        byte[] zip = alipayZip(ALIPAY_DETAIL_NAME, alipayDetail("#交易合计：0笔，商家实收共0.00元，商家优惠共0.00元",
                "#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元"), ALIPAY_SUMMARY_NAME,
                alipaySummary("合计,,0,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00"));
        List<BillLine> lines = new ArrayList<>();
        assertEquals(BillTotals.EMPTY, parser.parse(new ByteArrayInputStream(zip), lines::add));
        assertEquals(List.of(), lines);
    }

    @Test
    void crLfAndFullWidthEntryNames() throws IOException {
        String detail = alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT, ALIPAY_SAMPLE_REFUND)
                .replace("\n", "\r\n");
        byte[] zip = alipayZip("bills/" + ALIPAY_DETAIL_NAME, detail, ALIPAY_SUMMARY_NAME.replace("(汇总)", "（汇总）"),
                alipaySummary(SAMPLE_SUMMARY_TOTAL).replace("\n", "\r\n"));
        assertEquals(new BillTotals(1, 1, 1, 1, 0), parser.parse(new ByteArrayInputStream(zip), line -> { }));
    }

    @Test
    void aSummaryThatContradictsTheRowsIsRefused() {
        String detail = alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT, ALIPAY_SAMPLE_REFUND);
        String message = refused(alipayZip(ALIPAY_DETAIL_NAME, detail, ALIPAY_SUMMARY_NAME,
                alipaySummary("合计,,2,0,0.01,0.00,0.00,0.00,0.00,-0.01,0.00,0.00")));
        assertTrue(message.contains("汇总 交易订单总笔数 2 but the detail has 1 交易 rows"), message);
        assertTrue(message.contains("汇总 退款订单总笔数 0 but the detail has 1 退款 rows"), message);
        assertTrue(message.contains("汇总 订单金额(元) 0.01 but the detail rows add up to 0.00"), message);
        assertTrue(message.contains("汇总 服务费(元) -0.01 but the detail rows add up to 0.00"), message);
        assertFalse(message.contains("商家实收(元)"), message);
    }

    @Test
    void aMalformedAmountNamesItsEntryAndLine() {
        String detail = alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT,
                ALIPAY_SAMPLE_REFUND.replace(",-0.01,-0.01,", ",-0.0１,-0.01,"));
        assertEquals(ALIPAY_DETAIL_NAME + ", line 7: 订单金额(元) '-0.0１' is not a decimal amount",
                refused(alipayZip(ALIPAY_DETAIL_NAME, detail, ALIPAY_SUMMARY_NAME, alipaySummary(SAMPLE_SUMMARY_TOTAL))));
        String positiveRefund = alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT,
                ALIPAY_SAMPLE_REFUND.replace(",-0.01,-0.01,", ",0.01,-0.01,"));
        assertEquals(ALIPAY_DETAIL_NAME + ", line 7: a 退款 row with a positive 订单金额(元) '0.01'",
                refused(alipayZip(ALIPAY_DETAIL_NAME, positiveRefund, ALIPAY_SUMMARY_NAME, alipaySummary(SAMPLE_SUMMARY_TOTAL))));
        String extraComma = alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT.replace("下单测试,", "下单,测试,"));
        assertEquals(ALIPAY_DETAIL_NAME + ", line 6: 26 values where the header has 25",
                refused(alipayZip(ALIPAY_DETAIL_NAME, extraComma, ALIPAY_SUMMARY_NAME, alipaySummary(SAMPLE_SUMMARY_TOTAL))));
    }

    @Test
    void missingPartsAreRefused() {
        String detail = alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT, ALIPAY_SAMPLE_REFUND);
        String summary = alipaySummary(SAMPLE_SUMMARY_TOTAL);
        assertEquals("the zip has no *_业务明细.csv entry", refused(alipayZip(ALIPAY_SUMMARY_NAME, summary)));
        assertEquals("the zip has no *_业务明细(汇总).csv entry", refused(alipayZip(ALIPAY_DETAIL_NAME, detail)));
        assertEquals("the zip has no *_业务明细.csv entry",
                refused("{\"code\":\"40004\"}".getBytes(StandardCharsets.UTF_8)));
        String truncated = detail.substring(0, detail.indexOf("#交易合计"));
        assertEquals(ALIPAY_DETAIL_NAME + ", line 8: the #交易合计 and #退款合计 lines are missing (truncated?)",
                refused(alipayZip(ALIPAY_DETAIL_NAME, truncated, ALIPAY_SUMMARY_NAME, summary)));
        assertEquals(ALIPAY_SUMMARY_NAME + ", line 9: no 合计 row",
                refused(alipayZip(ALIPAY_DETAIL_NAME, detail, ALIPAY_SUMMARY_NAME, alipaySummary("门店合计,,0,0,0,0,0,0,0,0,0,0"))));
        String unknownType = alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT.replace("交易\t", "转账\t"));
        assertEquals(ALIPAY_DETAIL_NAME + ", line 6: 业务类型 '转账' is neither 交易 nor 退款",
                refused(alipayZip(ALIPAY_DETAIL_NAME, unknownType, ALIPAY_SUMMARY_NAME, summary)));
    }

    @Test
    void theCallersStreamIsLeftOpen() throws IOException {
        byte[] zip = alipayZip(ALIPAY_DETAIL_NAME, alipayDetail(SAMPLE_TRADE_TOTAL, SAMPLE_REFUND_TOTAL, ALIPAY_SAMPLE_PAYMENT,
                ALIPAY_SAMPLE_REFUND), ALIPAY_SUMMARY_NAME, alipaySummary(SAMPLE_SUMMARY_TOTAL));
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(zip)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        parser.parse(in, line -> { });
        assertFalse(closed[0]);
    }

    /** A detail row with the TABs Alipay appends to its id-like fields. */
    static String row(String tradeNo, String outTradeNo, String type, String finished, String orderAmount, String receipt,
            String outRequestNo, String fee) {
        return String.join(",", tradeNo + "\t", outTradeNo + "\t", type + "\t", "商品",
                "2026-12-05 08:00:00", finished, "\t", "\t", "\t", "\t", "*三(138****0000)\t", orderAmount, receipt, "0.00", "0.00",
                "0.00", "0.00", "0.00", "", "0.00\t", "0.00", outRequestNo + "\t", fee, "0.00", "备注 ");
    }

    private String refused(byte[] zip) {
        return assertThrows(BillFormatException.class, () -> parser.parse(new ByteArrayInputStream(zip), line -> { })).getMessage();
    }
}
