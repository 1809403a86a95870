package com.paygate.payment.provider.bill;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Bills written the way the providers write them, for the parser tests. */
final class BillFixtures {

    static final Charset GBK = Charset.forName("GBK");

    static final String WECHAT_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
            + "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    static final String WECHAT_SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

    /** The two literal rows of the research notes (a real 2024-07 bill), exactly as written. */
    static final String WECHAT_SAMPLE_PAYMENT = "`2024-07-09 10:06:33,`wxe1696e7c7db8e7f4,`1579507281,`0,`,"
            + "`4200002360202407091150650780,`5622334254839656448,`oVgfJ5TrnzDOSuaxbFc33mw-5LUY,`JSAPI,`SUCCESS,`OTHERS,`CNY,"
            + "`60.00,`0.00,`0,`0,`0.00,`0.00,`,`,`2024-07-10 13:50 客户付款,`{\"statement_id\":\"5622334254839656448\"},"
            + "`0.32000,`0.54%,`60.00,`0.00,`";
    static final String WECHAT_SAMPLE_REFUND = "`2024-07-09 16:47:58,`wxe1696e7c7db8e7f4,`1579507281,`0,`,"
            + "`4200002166202406250324636876,`5617363390111199232,`oVgfJ5d35c6iAXrRCnfhOGF9aHT8,`JSAPI,`REFUND,`OTHERS,`CNY,"
            + "`0.00,`0.00,`50302709992024070991956632208,`5622435300878286848,`50.00,`0.00,`ORIGINAL,`SUCCESS,"
            + "`2024-06-28 18:30 客户付款,`{\"statement_id\":\"5617363390111199232\"},`-0.27000,`0.54%,`0.00,`50.00,`";
    static final String WECHAT_SAMPLE_SUMMARY = "`29,`1300.00,`490.00,`0.00,`4.33000,`1300.00,`490.00";

    static final String ALIPAY_HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
            + "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    static final String ALIPAY_SUMMARY_HEADER = "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,"
            + "商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";
    static final String ALIPAY_DETAIL_NAME = "20880211096256330156_20190916_业务明细.csv";
    static final String ALIPAY_SUMMARY_NAME = "20880211096256330156_20190916_业务明细(汇总).csv";

    /** The literal rows of the research notes (a real 2019 bill; the TABs are Alipay's). */
    static final String ALIPAY_SAMPLE_PAYMENT = "2019091622001458860515315453\t,service_1568601259302\t,交易\t,下单测试,"
            + "2019-09-16 10:55:16,2019-09-16 10:55:23,alipay_store\t,alipay_store\t,alipay\t,\t,*津水(602***@qq.com)\t,0.01,0.01,"
            + "0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,下单测试";
    static final String ALIPAY_SAMPLE_REFUND = "2019091622001458860515315453\t,service_1568601259302\t,退款\t,下单测试,"
            + "2019-09-16 10:55:16,2019-09-16 10:56:48,alipay_store\t,alipay_store\t,alipay\t,\t,*津水(602***@qq.com)\t,-0.01,-0.01,"
            + "0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_test_1568602607356\t,0.00,0.00,下单测试";

    private BillFixtures() {
    }

    /** A backticked WeChat trade-bill row; the columns the parser does not read hold plausible values. */
    static String wechatRow(String time, String transactionId, String outTradeNo, String state, String settlement,
            String refundId, String outRefundNo, String refundAmount, String refundState, String fee) {
        return String.join(",", "`" + time, "`wxe1696e7c7db8e7f4", "`1579507281", "`0", "`", "`" + transactionId,
                "`" + outTradeNo, "`oVgfJ5TrnzDOSuaxbFc33mw-5LUY", "`NATIVE", "`" + state, "`OTHERS", "`CNY", "`" + settlement,
                "`0.00", "`" + refundId, "`" + outRefundNo, "`" + refundAmount, "`0.00", "`" + (refundState.isEmpty() ? "" : "ORIGINAL"),
                "`" + refundState, "`商品", "`", "`" + fee, "`0.60%", "`" + settlement, "`" + refundAmount, "`");
    }

    static String wechatPayment(String time, String transactionId, String outTradeNo, String amount, String fee) {
        return wechatRow(time, transactionId, outTradeNo, "SUCCESS", amount, "0", "0", "0.00", "", fee);
    }

    static String wechatRefund(String time, String transactionId, String outTradeNo, String refundId, String outRefundNo,
            String amount, String refundState, String fee) {
        return wechatRow(time, transactionId, outTradeNo, "REFUND", "0.00", refundId, outRefundNo, amount, refundState, fee);
    }

    static InputStream utf8(String... lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static String alipayDetail(String tradeTotal, String refundTotal, String... rows) {
        StringBuilder b = new StringBuilder()
                .append("#支付宝业务明细查询\n")
                .append("#账号：[20880211096256330156]\n")
                .append("#起始日期：[2019年09月16日 00:00:00]   终止日期：[2019年09月17日 00:00:00]\n")
                .append("#-----------------------------------------业务明细列表----------------------------------------\n")
                .append(ALIPAY_HEADER).append('\n');
        for (String row : rows) {
            b.append(row).append('\n');
        }
        return b.append("#-----------------------------------------业务明细列表结束------------------------------------\n")
                .append(tradeTotal).append('\n')
                .append(refundTotal).append('\n')
                .append("#导出时间：[2019年09月17日 05:46:49]\n")
                .toString();
    }

    static String alipaySummary(String totalRow) {
        return "#支付宝业务汇总查询\n"
                + "#账号：[20880211096256330156]\n"
                + "#起始日期：[2019年09月16日 00:00:00]   终止日期：[2019年09月17日 00:00:00]\n"
                + "#-----------------------------------------业务汇总列表----------------------------------------\n"
                + ALIPAY_SUMMARY_HEADER + "\n"
                + "alipay_store\t,alipay_store\t,0,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00\n"
                + totalRow + "\n"
                + "#-----------------------------------------业务汇总列表结束-----------------------------------\n"
                + "#导出时间：[2019年09月17日 05:46:49]\n";
    }

    /** A zip as Alipay serves it: GBK entry names without the UTF-8 flag, GBK contents. Entries as name, content, ... */
    static byte[] alipayZip(String... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(GBK));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Fen as the providers write yuan: 12345 → 123.45, -5 → -0.05. */
    static String yuan(long fen) {
        long abs = Math.abs(fen);
        return (fen < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }

    /** Milli-fen as WeChat writes a fee (5 decimals): 32000 → 0.32000. */
    static String fee(long milliFen) {
        long abs = Math.abs(milliFen);
        String decimals = Long.toString(100_000 + abs % 100_000).substring(1);
        return (milliFen < 0 ? "-" : "") + abs / 100_000 + "." + decimals;
    }
}
