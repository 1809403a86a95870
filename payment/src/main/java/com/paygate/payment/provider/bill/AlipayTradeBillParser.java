package com.paygate.payment.provider.bill;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Alipay's trade bill ({@code alipay.data.dataservice.bill.downloadurl.query}, {@code bill_type=trade}): the zip as
 * downloaded, holding {@code <PID>0156_<date>_业务明细.csv} (one row per trade or refund) and
 * {@code …_业务明细(汇总).csv} (per-store totals and a 合计 row), entry names and contents in GBK. The detail is
 * streamed; of the summary only its 合计 row is kept. Checked: the detail's own {@code #交易合计} / {@code #退款合计}
 * lines (counts and 商家实收) and the summary's 合计 row (counts, 订单金额 net of refunds, 服务费, 商家实收).
 *
 * <p>业务类型 交易 is a payment (amount 订单金额); 退款 a refund, written with negative amounts (amount −订单金额,
 * outRefundNo 退款批次号/请求号, the {@code out_request_no} we sent). Alipay has no refund id of its own in the bill.
 * The fee is 服务费 with the sign the bill writes. The bill has no status column: it lists finished trades and refunds
 * only (each has its 完成时间, the line's time), so every line's state is {@code SUCCESS}.
 *
 * <p>Lines reach the consumer as they are read, before the totals are checked: keep them provisional until
 * {@link #parse} returns.
 */
public final class AlipayTradeBillParser implements BillParser {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String DETAIL_ENTRY = "_业务明细.csv";
    private static final String SUMMARY_ENTRY = "_业务明细(汇总).csv";
    private static final String STATE = "SUCCESS";

    private static final String TRADE_NO = "支付宝交易号";
    private static final String OUT_TRADE_NO = "商户订单号";
    private static final String TYPE = "业务类型";
    private static final String FINISHED = "完成时间";
    private static final String ORDER_AMOUNT = "订单金额(元)";
    private static final String RECEIPT = "商家实收(元)";
    private static final String OUT_REQUEST_NO = "退款批次号/请求号";
    private static final String FEE = "服务费(元)";
    private static final String PAYMENT = "交易";
    private static final String REFUND = "退款";

    private static final String TRADE_COUNT = "交易订单总笔数";
    private static final String REFUND_COUNT = "退款订单总笔数";
    private static final String TOTAL_ROW = "合计";

    // Matched after NFKC, which turns the full-width ：and ，into ASCII.
    private static final Pattern TRADE_TOTAL = Pattern.compile("#交易合计:(\\d+)笔,商家实收共(-?[0-9.]+)元.*");
    private static final Pattern REFUND_TOTAL = Pattern.compile("#退款合计:(\\d+)笔,商家实收退款共(-?[0-9.]+)元.*");

    @Override
    public BillTotals parse(InputStream bill, Consumer<BillLine> lines) throws IOException {
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(lines, "lines");
        Detail detail = null;
        Summary summary = null;
        // Closing the zip frees its Inflater; the wrapper leaves the caller's stream to the caller.
        try (ZipInputStream zip = new ZipInputStream(new FilterInputStream(bill) {
            @Override
            public void close() {
            }
        }, GBK)) {
            ZipEntry entry;
            while ((entry = next(zip)) != null) {
                String name = BillValues.name(entry.getName());
                if (name.endsWith(DETAIL_ENTRY)) {
                    if (detail != null) {
                        throw new BillFormatException("the zip holds two detail entries (" + name + ")");
                    }
                    detail = inEntry(name, () -> detail(zip, lines));
                } else if (name.endsWith(SUMMARY_ENTRY)) {
                    if (summary != null) {
                        throw new BillFormatException("the zip holds two summary entries (" + name + ")");
                    }
                    summary = inEntry(name, () -> summary(zip));
                }
            }
        }
        if (detail == null) {
            throw new BillFormatException("the zip has no *" + DETAIL_ENTRY + " entry");
        }
        if (summary == null) {
            throw new BillFormatException("the zip has no *" + SUMMARY_ENTRY + " entry");
        }
        check(detail, summary);
        return detail.totals;
    }

    private static ZipEntry next(ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (ZipException e) {
            throw new BillFormatException("not a readable zip: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BillFormatException("a zip entry name is not GBK", e);
        }
    }

    private static Detail detail(InputStream entry, Consumer<BillLine> lines) throws IOException {
        BillLineReader reader = new BillLineReader(new InputStreamReader(entry, GBK));
        Detail detail = new Detail();
        BillHeader header = null;
        int[] c = null;
        boolean ended = false;
        String text;
        while ((text = reader.next()) != null) {
            int at = reader.number();
            if (text.isBlank()) {
                continue;
            }
            if (text.startsWith("#")) {
                detail.comment(text, at);
                ended |= header != null && text.contains("业务明细列表结束");
                continue;
            }
            if (header == null) {
                header = BillHeader.parse(text);
                c = header.require(at, TRADE_NO, OUT_TRADE_NO, TYPE, FINISHED, ORDER_AMOUNT, RECEIPT, OUT_REQUEST_NO, FEE);
                continue;
            }
            if (ended) {
                throw BillValues.error(at, "a row after the end of the detail list");
            }
            BillLine line = detail.row(fields(text, header.size(), at), c, at);
            lines.accept(line);
        }
        if (header == null) {
            throw BillValues.error(reader.number(), "no header row");
        }
        if (detail.statedPayments == null || detail.statedRefunds == null) {
            throw BillValues.error(reader.number(), "the #交易合计 and #退款合计 lines are missing (truncated?)");
        }
        return detail;
    }

    private static Summary summary(InputStream entry) throws IOException {
        BillLineReader reader = new BillLineReader(new InputStreamReader(entry, GBK));
        BillHeader header = null;
        int[] c = null;
        Summary total = null;
        String text;
        while ((text = reader.next()) != null) {
            int at = reader.number();
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            if (header == null) {
                header = BillHeader.parse(text);
                c = header.require(at, TRADE_COUNT, REFUND_COUNT, ORDER_AMOUNT, FEE);
                continue;
            }
            String[] f = fields(text, header.size(), at);
            if (!f[0].equals(TOTAL_ROW)) {
                continue; // one row per store: only the 合计 row is checked
            }
            if (total != null) {
                throw BillValues.error(at, "a second 合计 row");
            }
            int receipt = header.indexOf(RECEIPT);
            total = new Summary(BillValues.count(f[c[0]], TRADE_COUNT, at), BillValues.count(f[c[1]], REFUND_COUNT, at),
                    BillValues.fen(f[c[2]], ORDER_AMOUNT, at), BillValues.fen(f[c[3]], FEE, at),
                    receipt < 0 ? OptionalLong.empty() : OptionalLong.of(BillValues.fen(f[receipt], RECEIPT, at)));
        }
        if (total == null) {
            throw BillValues.error(reader.number(), "no 合计 row");
        }
        return total;
    }

    /** Plain commas (Alipay quotes nothing); every field stripped of the TABs Alipay appends to keep Excel off them. */
    private static String[] fields(String text, int expected, int at) {
        String[] f = text.split(",", -1);
        if (f.length != expected) {
            throw BillValues.error(at, f.length + " values where the header has " + expected);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }

    private static void check(Detail d, Summary s) {
        BillTotals t = d.totals;
        List<String> differences = new ArrayList<>();
        count(differences, "#交易合计", d.statedPayments, t.payments(), PAYMENT);
        amount(differences, "#交易合计 商家实收", d.statedPaymentReceipt, d.paymentReceipt, PAYMENT);
        count(differences, "#退款合计", d.statedRefunds, t.refunds(), REFUND);
        amount(differences, "#退款合计 商家实收退款", d.statedRefundReceipt, d.refundReceipt, REFUND);
        count(differences, "汇总 " + TRADE_COUNT, s.payments, t.payments(), PAYMENT);
        count(differences, "汇总 " + REFUND_COUNT, s.refunds, t.refunds(), REFUND);
        amount(differences, "汇总 " + ORDER_AMOUNT, s.orderFen, t.paidFen() - t.refundedFen(), "detail");
        amount(differences, "汇总 " + FEE, s.feeFen, d.feeFen, "detail");
        if (s.receiptFen.isPresent()) {
            amount(differences, "汇总 " + RECEIPT, s.receiptFen.getAsLong(), d.paymentReceipt + d.refundReceipt, "detail");
        }
        if (!differences.isEmpty()) {
            throw new BillFormatException("the totals contradict the detail rows: " + String.join("; ", differences));
        }
    }

    private static void count(List<String> differences, String what, long stated, long counted, String rows) {
        if (stated != counted) {
            differences.add(what + " " + stated + " but the detail has " + counted + " " + rows + " rows");
        }
    }

    private static void amount(List<String> differences, String what, long stated, long counted, String rows) {
        if (stated != counted) {
            differences.add(what + " " + BillValues.yuan(stated, 2) + " but the " + rows + " rows add up to "
                    + BillValues.yuan(counted, 2));
        }
    }

    private interface EntryReader<T> {
        T read() throws IOException;
    }

    /** Errors say which entry they are about. */
    private static <T> T inEntry(String name, EntryReader<T> reader) throws IOException {
        try {
            return reader.read();
        } catch (BillFormatException e) {
            throw new BillFormatException(name + ", " + e.getMessage(), e);
        }
    }

    /** The detail entry's running sums and the totals it states about itself. */
    private static final class Detail {

        BillTotals totals = BillTotals.EMPTY;
        long paymentReceipt;
        long refundReceipt;
        long feeFen;
        Long statedPayments;
        long statedPaymentReceipt;
        Long statedRefunds;
        long statedRefundReceipt;

        BillLine row(String[] f, int[] c, int at) {
            String tradeNo = f[c[0]];
            if (tradeNo.isEmpty()) {
                throw BillValues.error(at, TRADE_NO + " is empty");
            }
            Instant time = BillValues.chinaTime(f[c[3]], FINISHED, at);
            long order = BillValues.fen(f[c[4]], ORDER_AMOUNT, at);
            long receipt = BillValues.fen(f[c[5]], RECEIPT, at);
            long fee = BillValues.fen(f[c[7]], FEE, at);
            long feeMilliFen = Math.multiplyExact(fee, 1000);
            String type = f[c[2]];
            BillLine line = switch (type) {
                case PAYMENT -> {
                    if (order < 0) {
                        throw BillValues.error(at, "a 交易 row with a negative " + ORDER_AMOUNT + " '" + f[c[4]] + "'");
                    }
                    paymentReceipt = Math.addExact(paymentReceipt, receipt);
                    yield new BillLine(BillLine.Kind.PAYMENT, f[c[1]], null, tradeNo, null, order, feeMilliFen, type, STATE,
                            time);
                }
                case REFUND -> {
                    if (order > 0) {
                        throw BillValues.error(at, "a 退款 row with a positive " + ORDER_AMOUNT + " '" + f[c[4]] + "'");
                    }
                    refundReceipt = Math.addExact(refundReceipt, receipt);
                    String outRequestNo = f[c[6]].isEmpty() ? null : f[c[6]];
                    yield new BillLine(BillLine.Kind.REFUND, f[c[1]], outRequestNo, tradeNo, null, -order, feeMilliFen,
                            type, STATE, time);
                }
                // Anything else could be money either way; guessing would make the totals lie.
                default -> throw BillValues.error(at, TYPE + " '" + type + "' is neither 交易 nor 退款");
            };
            feeFen = Math.addExact(feeFen, fee);
            totals = totals.plus(line);
            return line;
        }

        /** Comment lines are skipped, except the two totals lines after the table. */
        void comment(String text, int at) {
            if (text.startsWith("#交易合计")) {
                Matcher m = matcher(TRADE_TOTAL, text, at);
                if (statedPayments != null) {
                    throw BillValues.error(at, "a second #交易合计 line");
                }
                statedPayments = BillValues.count(m.group(1), "交易合计", at);
                statedPaymentReceipt = BillValues.fen(m.group(2), "交易合计 商家实收", at);
            } else if (text.startsWith("#退款合计")) {
                Matcher m = matcher(REFUND_TOTAL, text, at);
                if (statedRefunds != null) {
                    throw BillValues.error(at, "a second #退款合计 line");
                }
                statedRefunds = BillValues.count(m.group(1), "退款合计", at);
                statedRefundReceipt = BillValues.fen(m.group(2), "退款合计 商家实收退款", at);
            }
        }

        private static Matcher matcher(Pattern pattern, String text, int at) {
            Matcher m = pattern.matcher(BillValues.name(text));
            if (!m.matches()) {
                throw BillValues.error(at, "unreadable totals line '" + text + "'");
            }
            return m;
        }
    }

    /** The summary entry's 合计 row. */
    private record Summary(long payments, long refunds, long orderFen, long feeFen, OptionalLong receiptFen) {
    }
}
