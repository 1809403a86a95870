package com.paygate.sandbox.bills;

import com.paygate.sandbox.store.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Alipay's trade bill ({@code bill_type=trade}): a zip of two GBK CSV files, {@code <PID>0156_<yyyyMMdd>_业务明细.csv}
 * and {@code <PID>0156_<yyyyMMdd>_业务明细(汇总).csv}, entry names in GBK without the zip's UTF-8 flag, as Alipay's
 * are. The detail file wraps its table in {@code #} comment lines and ends with the 交易合计 / 退款合计 lines;
 * identifiers and some other fields end with a TAB, as in real files. A refund row carries the payment's numbers,
 * negative amounts and its out_request_no as 退款批次号/请求号. 服务费 is the fee, negative on refunds (given back).
 */
final class AlipayBillFile {

    static final Charset GBK = Charset.forName("GBK");
    static final String HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
            + "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    static final String SUMMARY_HEADER = "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,"
            + "商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";
    // Alipay's marker lines, dashes and all (parsers match them whole or by the words in the middle).
    static final String DETAIL_START = "#-----------------------------------------业务明细列表----------------------------------------";
    static final String DETAIL_END = "#-----------------------------------------业务明细列表结束------------------------------------";
    static final String SUMMARY_START = "#-----------------------------------------业务汇总列表----------------------------------------";
    static final String SUMMARY_END = "#----------------------------------------业务汇总列表结束-------------------------------------";
    private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String TAB = "\t";

    private AlipayBillFile() {
    }

    /** @param pid the seller's partner id (2088...): the account is the PID followed by 0156 */
    static BillFile write(BillLines.Day day, String pid, int feeBasisPoints, OffsetDateTime exportedAt) {
        String account = pid + "0156";
        String base = account + "_" + day.date().format(DAY);
        BillText detail = new BillText(GBK, false);
        head(detail, "#支付宝业务明细查询", account, day.date());
        detail.line(DETAIL_START);
        detail.line(HEADER);
        long[] totals = new long[5]; // trades, their fen, refunds, their fen (negative), fees
        day.forEach(line -> {
            boolean pay = line.payment();
            long amount = pay ? line.amountFen() : -line.amountFen();
            long fee = BillText.fee(amount, feeBasisPoints);
            String yuan = BillText.yuan(amount);
            detail.row(line.transactionId() + TAB, line.outTradeNo() + TAB, (pay ? "交易" : "退款") + TAB,
                    BillText.text(line.description()), BillText.time(line.createdAt()), BillText.time(line.time()),
                    TAB, TAB, TAB, TAB, line.payer() + TAB, yuan, yuan, "0.00", "0.00", "0.00", "0.00", "0.00", "",
                    "0.00" + TAB, "0.00", (pay ? "" : line.outRefundNo()) + TAB, BillText.yuan(fee), "0.00",
                    BillText.text(line.description()));
            totals[pay ? 0 : 2]++;
            totals[pay ? 1 : 3] += amount;
            totals[4] += fee;
        });
        detail.line(DETAIL_END);
        detail.line("#交易合计：" + totals[0] + "笔，商家实收共" + BillText.yuan(totals[1]) + "元，商家优惠共0.00元");
        detail.line("#退款合计：" + totals[2] + "笔，商家实收退款共" + BillText.yuan(totals[3]) + "元，商家优惠退款共0.00元");
        detail.line("#导出时间：[" + exportedAt.withOffsetSameInstant(BillText.CHINA).format(CHINESE) + "]");

        BillText summary = new BillText(GBK, false);
        head(summary, "#支付宝业务汇总查询", account, day.date());
        summary.line(SUMMARY_START);
        summary.line(SUMMARY_HEADER);
        long net = totals[1] + totals[3];
        // The sandbox has no stores, so the table is the 合计 (total) row alone.
        summary.row("合计", "", Long.toString(totals[0]), Long.toString(totals[2]), BillText.yuan(net), BillText.yuan(net), "0.00",
                "0.00", "0.00", BillText.yuan(totals[4]), "0.00", BillText.yuan(net - totals[4]));
        summary.line(SUMMARY_END);
        summary.line("#导出时间：[" + exportedAt.withOffsetSameInstant(BillText.CHINA).format(CHINESE) + "]");

        BillText.Written detailFile = detail.finish();
        BillText.Written summaryFile = summary.finish();
        ByteArrayOutputStream zip = new ByteArrayOutputStream(detailFile.bytes().length / 4 + 1024);
        try (ZipOutputStream out = new ZipOutputStream(zip, GBK)) {
            entry(out, base + "_业务明细.csv", detailFile.bytes());
            entry(out, base + "_业务明细(汇总).csv", summaryFile.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BillFile(Provider.ALIPAY, base + ".csv.zip", "application/zip", zip.toByteArray(), detailFile.sha1());
    }

    private static void head(BillText text, String title, String account, LocalDate date) {
        text.line(title);
        text.line("#账号：[" + account + "]");
        text.line("#起始日期：[" + date.atStartOfDay().format(CHINESE) + "]   终止日期：[" + date.plusDays(1).atStartOfDay().format(CHINESE)
                + "]");
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
