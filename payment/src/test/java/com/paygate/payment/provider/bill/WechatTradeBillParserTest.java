package com.paygate.payment.provider.bill;

import static com.paygate.payment.provider.bill.BillFixtures.WECHAT_HEADER;
import static com.paygate.payment.provider.bill.BillFixtures.WECHAT_SAMPLE_PAYMENT;
import static com.paygate.payment.provider.bill.BillFixtures.WECHAT_SAMPLE_REFUND;
import static com.paygate.payment.provider.bill.BillFixtures.WECHAT_SAMPLE_SUMMARY;
import static com.paygate.payment.provider.bill.BillFixtures.WECHAT_SUMMARY_HEADER;
import static com.paygate.payment.provider.bill.BillFixtures.utf8;
import static com.paygate.payment.provider.bill.BillFixtures.wechatPayment;
import static com.paygate.payment.provider.bill.BillFixtures.wechatRefund;
import static com.paygate.payment.provider.bill.BillFixtures.wechatRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WechatTradeBillParserTest {

    private final WechatTradeBillParser parser = new WechatTradeBillParser();

    @Test
    void theLiteralSampleRows() throws IOException {
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(utf8(WECHAT_HEADER, WECHAT_SAMPLE_PAYMENT, WECHAT_SAMPLE_REFUND, WECHAT_SUMMARY_HEADER,
                "`2,`60.00,`50.00,`0.00,`0.05000,`60.00,`50.00"), lines::add);

        assertEquals(List.of(
                new BillLine(BillLine.Kind.PAYMENT, "5622334254839656448", null, "4200002360202407091150650780", null, 6000,
                        32_000, "JSAPI", "SUCCESS", Instant.parse("2024-07-09T02:06:33Z")),
                new BillLine(BillLine.Kind.REFUND, "5617363390111199232", "5622435300878286848", "4200002166202406250324636876",
                        "50302709992024070991956632208", 5000, -27_000, "JSAPI", "SUCCESS",
                        Instant.parse("2024-07-09T08:47:58Z"))), lines);
        assertEquals(new BillTotals(1, 1, 6000, 5000, 5000), totals);
    }

    @Test
    void theLiteralSampleAsPublishedIsCaughtByItsSummary() {
        // The published summary is the whole day's (29 rows); with only its two sample rows it must not pass.
        BillFormatException e = assertThrows(BillFormatException.class, () -> parser.parse(utf8(WECHAT_HEADER,
                WECHAT_SAMPLE_PAYMENT, WECHAT_SAMPLE_REFUND, WECHAT_SUMMARY_HEADER, WECHAT_SAMPLE_SUMMARY), line -> { }));
        assertContains(e, "line 5");
        assertContains(e, "总交易单数 29 but the bill has 2 rows");
        assertContains(e, "应结订单总金额 1300.00 but the payments add up to 60.00");
        assertContains(e, "退款总金额 490.00 but the refunds add up to 50.00");
        assertContains(e, "手续费总金额 4.33000 but the fees add up to 0.05000");
        assertContains(e, "订单总金额 1300.00");
    }

    @Test
    void aDayOfPaymentsAndRefunds() throws IOException {
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(utf8(WECHAT_HEADER,
                wechatPayment("2026-12-05 00:00:01", "4200000001", "P1", "100.00", "0.60000"),
                wechatPayment("2026-12-05 12:30:00", "4200000002", "P2", "0.01", "0.00000"),
                wechatRefund("2026-12-05 13:00:00", "4200000001", "P1", "5030001", "R1", "40.00", "SUCCESS", "-0.24000"),
                wechatRefund("2026-12-05 23:59:59", "4200000001", "P1", "5030002", "R2", "10.00", "PROCESSING", "-0.06000"),
                wechatRow("2026-12-05 14:00:00", "4200000003", "P3", "REVOKED", "8.88", "0", "0", "0.00", "", "0.05000"),
                WECHAT_SUMMARY_HEADER, "`5,`108.89,`50.00,`0.00,`0.35000,`108.89,`50.00"), lines::add);

        assertEquals(new BillTotals(3, 2, 10_889, 5000, 35_000), totals);
        assertEquals(5, lines.size());
        BillLine processing = lines.get(3);
        assertEquals(BillLine.Kind.REFUND, processing.kind());
        assertEquals("R2", processing.outRefundNo());
        assertEquals("5030002", processing.providerRefundNo());
        assertEquals("PROCESSING", processing.state());
        assertEquals(Instant.parse("2026-12-05T15:59:59Z"), processing.at());
        BillLine revoked = lines.get(4);
        assertEquals(BillLine.Kind.PAYMENT, revoked.kind());
        assertEquals("REVOKED", revoked.state());
        assertEquals(888, revoked.amountFen());
        assertEquals("NATIVE", revoked.tradeType());
        assertEquals(Instant.parse("2026-12-04T16:00:01Z"), lines.get(0).at());
    }

    @Test
    void aLinesAmountIsWhatThePayerWasAskedForNotWhatSettledAfterACoupon() throws IOException {
        // 100.00 ordered, 10.00 of it a merchant-funded coupon: 90.00 settles. A 50.00 refund gives back 45.00.
        String payment = String.join(",", "`2026-12-05 10:00:00", "`4200000001", "`P1", "`o", "`NATIVE", "`SUCCESS", "`OTHERS",
                "`CNY", "`90.00", "`10.00", "`0", "`0", "`0.00", "`0.00", "`", "`", "`商品", "`", "`0.54000", "`0.60%", "`100.00",
                "`0.00", "`");
        String refund = String.join(",", "`2026-12-05 11:00:00", "`4200000001", "`P1", "`o", "`NATIVE", "`REFUND", "`OTHERS",
                "`CNY", "`0.00", "`0.00", "`5030000001", "`R1", "`45.00", "`0.00", "`ORIGINAL", "`SUCCESS", "`商品", "`",
                "`-0.27000", "`0.60%", "`0.00", "`50.00", "`");
        String header = "交易时间,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,"
                + "商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(utf8(header, payment, refund, WECHAT_SUMMARY_HEADER,
                "`2,`90.00,`45.00,`0.00,`0.27000,`100.00,`50.00"), lines::add);
        assertEquals(10000, lines.get(0).amountFen(), "the order's amount, as we recorded it");
        assertEquals(5000, lines.get(1).amountFen(), "the refund asked for, as we recorded it");
        assertEquals(10000, totals.paidFen());
        assertEquals(5000, totals.refundedFen());
        // The settled amounts are still checked against the summary.
        assertThrows(BillFormatException.class, () -> parser.parse(utf8(header, payment, refund, WECHAT_SUMMARY_HEADER,
                "`2,`100.00,`45.00,`0.00,`0.27000,`100.00,`50.00"), line -> { }));
    }

    @Test
    void anEmptyDayIsEmptyTotals() throws IOException {
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(utf8(WECHAT_HEADER, WECHAT_SUMMARY_HEADER, "`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00"),
                lines::add);
        assertEquals(BillTotals.EMPTY, totals);
        assertEquals(List.of(), lines);
    }

    @Test
    void aBomAndCrLfAreTolerated() throws IOException {
        String bill = "\uFEFF" + String.join("\r\n", WECHAT_HEADER, WECHAT_SAMPLE_PAYMENT, WECHAT_SUMMARY_HEADER,
                "`1,`60.00,`0.00,`0.00,`0.32000,`60.00,`0.00") + "\r\n";
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(new ByteArrayInputStream(bill.getBytes(StandardCharsets.UTF_8)), lines::add);
        assertEquals(new BillTotals(1, 0, 6000, 0, 32_000), totals);
        assertEquals("5622334254839656448", lines.get(0).outTradeNo());
    }

    @Test
    void columnsAreFoundByNameNotPosition() throws IOException {
        String header = "商户订单号,手续费,交易状态,应结订单金额,交易时间,退款金额,微信订单号,商户退款单号,交易类型,微信退款单号,退款状态";
        List<BillLine> lines = new ArrayList<>();
        BillTotals totals = parser.parse(utf8(" " + header + " ",
                "`P9,`0.06000,`SUCCESS,`10.00,`2026-12-05 08:00:00,`0.00,`42009,`0,`APP,`0,`",
                "总交易单数,手续费总金额,退款总金额,应结订单总金额", "`1,`0.06000,`0.00,`10.00"), lines::add);
        assertEquals(new BillTotals(1, 0, 1000, 0, 6000), totals);
        assertEquals(new BillLine(BillLine.Kind.PAYMENT, "P9", null, "42009", null, 1000, 6000, "APP", "SUCCESS",
                Instant.parse("2026-12-05T00:00:00Z")), lines.get(0));
    }

    @Test
    void commasInsideAValueStayInIt() throws IOException {
        // 商户数据包 is free text (often JSON) and WeChat quotes nothing: only ",`" separates values.
        String row = WECHAT_SAMPLE_PAYMENT.replace("`{\"statement_id\":\"5622334254839656448\"}", "`{\"a\":1,\"b\":[2,3]}");
        BillTotals totals = parser.parse(utf8(WECHAT_HEADER, row, WECHAT_SUMMARY_HEADER,
                "`1,`60.00,`0.00,`0.00,`0.32000,`60.00,`0.00"), line -> { });
        assertEquals(new BillTotals(1, 0, 6000, 0, 32_000), totals);
    }

    @Test
    void aSummaryThatContradictsTheRowsIsRefused() {
        String row = wechatPayment("2026-12-05 10:00:00", "4200000001", "P1", "100.00", "0.60000");
        assertContains(refused(WECHAT_HEADER, row, WECHAT_SUMMARY_HEADER, "`2,`100.00,`0.00,`0.00,`0.60000,`100.00,`0.00"),
                "总交易单数 2 but the bill has 1 rows");
        assertContains(refused(WECHAT_HEADER, row, WECHAT_SUMMARY_HEADER, "`1,`100.01,`0.00,`0.00,`0.60000,`100.00,`0.00"),
                "应结订单总金额 100.01 but the payments add up to 100.00");
        assertContains(refused(WECHAT_HEADER, row, WECHAT_SUMMARY_HEADER, "`1,`100.00,`1.00,`0.00,`0.60000,`100.00,`0.00"),
                "退款总金额 1.00 but the refunds add up to 0.00");
        assertContains(refused(WECHAT_HEADER, row, WECHAT_SUMMARY_HEADER, "`1,`100.00,`0.00,`0.00,`0.60001,`100.00,`0.00"),
                "手续费总金额 0.60001 but the fees add up to 0.60000");
    }

    @Test
    void aMalformedAmountNamesItsLine() {
        BillFormatException e = refused(WECHAT_HEADER,
                wechatPayment("2026-12-05 10:00:00", "4200000001", "P1", "1.00", "0.00600"),
                wechatPayment("2026-12-05 10:00:01", "4200000002", "P2", "6O.00", "0.00600"),
                WECHAT_SUMMARY_HEADER, "`2,`61.00,`0.00,`0.00,`0.01200,`61.00,`0.00");
        // The amount the payer was asked for (订单金额) is read first; the settled one is checked too.
        assertEquals("line 3: 订单金额 '6O.00' is not a decimal amount", e.getMessage());
        assertContains(refused(WECHAT_HEADER, wechatPayment("2026-12-05 10:00:00", "42", "P1", "1.001", "0.00600")),
                "line 2: 订单金额 '1.001' has more than 2 decimals");
        assertContains(refused(WECHAT_HEADER, wechatPayment("2026-12-05 10:00:00", "42", "P1", "1.00", "0.006001")),
                "line 2: 手续费 '0.006001' has more than 5 decimals");
        assertContains(refused(WECHAT_HEADER, wechatPayment("2026-12-05 10:00:00", "42", "P1", "1E2", "0.00600")),
                "line 2: 订单金额 '1E2' is not a decimal amount");
        assertContains(refused(WECHAT_HEADER, wechatPayment("2026-12-05 10:00:00", "42", "P1", "-1.00", "0.00600")),
                "line 2: 订单金额 '-1.00' is negative");
        assertContains(refused(WECHAT_HEADER, wechatPayment("2026-12-05 25:00:00", "42", "P1", "1.00", "0.00600")),
                "line 2: 交易时间 '2026-12-05 25:00:00' is not a valid time");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesNamesItsLine() {
        String shortRow = WECHAT_SAMPLE_PAYMENT.substring(0, WECHAT_SAMPLE_PAYMENT.lastIndexOf(",`"));
        assertEquals("line 3: 26 values where the header has 27",
                refused(WECHAT_HEADER, WECHAT_SAMPLE_PAYMENT, shortRow).getMessage());
        assertContains(refused(WECHAT_HEADER, WECHAT_SAMPLE_PAYMENT.substring(1)), "line 2: a value without its leading backtick");
    }

    @Test
    void aBillWithoutItsSummaryIsRefused() {
        assertContains(refused(WECHAT_HEADER), "line 1: the bill ends without its summary");
        assertContains(refused(WECHAT_HEADER, WECHAT_SAMPLE_PAYMENT), "line 2: the bill ends without its summary");
        assertContains(refused(WECHAT_HEADER, WECHAT_SAMPLE_PAYMENT, WECHAT_SUMMARY_HEADER), "the summary header has no summary row");
        assertContains(refused(WECHAT_HEADER, WECHAT_SUMMARY_HEADER, "`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00", "`1"),
                "line 4: unexpected line after the summary row");
        assertEquals("the bill is empty",
                assertThrows(BillFormatException.class, () -> parser.parse(InputStream.nullInputStream(), l -> { })).getMessage());
        assertContains(refused(WECHAT_SUMMARY_HEADER, "`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00"),
                "line 1: the bill does not start with its header");
    }

    @Test
    void aMissingColumnOrUnknownStateIsRefused() {
        assertContains(refused(WECHAT_HEADER.replace("手续费,", "").replace("退款状态", "退款状况")),
                "line 1: the header lacks column(s) 退款状态, 手续费");
        assertContains(refused(WECHAT_HEADER, WECHAT_SAMPLE_PAYMENT.replace("`SUCCESS", "`CLOSED")),
                "line 2: 交易状态 'CLOSED' is none of SUCCESS, REFUND, REVOKED");
        assertContains(refused(WECHAT_HEADER, WECHAT_SAMPLE_REFUND.replace("`5622435300878286848", "`")),
                "line 2: 商户退款单号 is empty");
    }

    @Test
    void twoHundredThousandRowsStreamed() throws IOException {
        int rows = 200_000;
        long[] counted = new long[3];
        long start = System.nanoTime();
        BillTotals totals = parser.parse(new GeneratedWechatBill(rows), line -> {
            counted[line.kind() == BillLine.Kind.PAYMENT ? 0 : 1]++;
            counted[2] += line.amountFen();
        });
        long millis = (System.nanoTime() - start) / 1_000_000;

        long payments = 0;
        long paid = 0;
        long refunded = 0;
        long fees = 0;
        for (int i = 0; i < rows; i++) {
            if (GeneratedWechatBill.isRefund(i)) {
                refunded += GeneratedWechatBill.amountFen(i);
                fees -= GeneratedWechatBill.feeMilliFen(i);
            } else {
                payments++;
                paid += GeneratedWechatBill.amountFen(i);
                fees += GeneratedWechatBill.feeMilliFen(i);
            }
        }
        assertEquals(new BillTotals(payments, rows - payments, paid, refunded, fees), totals);
        assertEquals(payments, counted[0]);
        assertEquals(rows - payments, counted[1]);
        assertEquals(paid + refunded, counted[2]);
        assertTrue(millis < 30_000, "200,000 rows took " + millis + " ms");
    }

    private BillFormatException refused(String... lines) {
        return assertThrows(BillFormatException.class, () -> parser.parse(utf8(lines), line -> { }));
    }

    private static void assertContains(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should contain '" + part + "'");
    }

    /**
     * A trade bill of any size made a row at a time as it is read, never held whole: the summary at its end is summed
     * while the rows go out. Every fifth row is a refund.
     */
    static final class GeneratedWechatBill extends InputStream {

        private final int rows;
        private int next = -1;
        private byte[] chunk = new byte[0];
        private int pos;
        private long paid;
        private long refunded;
        private long fees;

        GeneratedWechatBill(int rows) {
            this.rows = rows;
        }

        static boolean isRefund(int i) {
            return i % 5 == 4;
        }

        static long amountFen(int i) {
            return 1 + (i * 7919L) % 100_000;
        }

        static long feeMilliFen(int i) {
            return amountFen(i) * 6;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (pos == chunk.length) {
                if (!advance()) {
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean advance() {
            String text;
            if (next == -1) {
                text = WECHAT_HEADER;
            } else if (next < rows) {
                text = row(next);
            } else if (next == rows) {
                text = WECHAT_SUMMARY_HEADER + "\n`" + rows + ",`" + BillFixtures.yuan(paid) + ",`" + BillFixtures.yuan(refunded)
                        + ",`0.00,`" + BillFixtures.fee(fees) + ",`" + BillFixtures.yuan(paid) + ",`" + BillFixtures.yuan(refunded);
            } else {
                return false;
            }
            next++;
            chunk = (text + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        private String row(int i) {
            int second = i % 86_400;
            String time = String.format("2026-12-05 %02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60);
            long amount = amountFen(i);
            if (isRefund(i)) {
                refunded += amount;
                fees -= feeMilliFen(i);
                return wechatRefund(time, "42000" + (i - 1), "P" + (i - 1), "50300" + i, "R" + i, BillFixtures.yuan(amount),
                        "SUCCESS", BillFixtures.fee(-feeMilliFen(i)));
            }
            paid += amount;
            fees += feeMilliFen(i);
            return wechatPayment(time, "42000" + i, "P" + i, BillFixtures.yuan(amount), BillFixtures.fee(feeMilliFen(i)));
        }
    }
}
