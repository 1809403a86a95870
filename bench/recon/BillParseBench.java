import com.paygate.payment.provider.bill.AlipayTradeBillParser;
import com.paygate.payment.provider.bill.BillLine;
import com.paygate.payment.provider.bill.BillTotals;
import com.paygate.payment.provider.bill.WechatTradeBillParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The streaming bill parsers on a bill of ROWS rows (default 200000): a WeChat trade bill as the gzip WeChat serves
 * and an Alipay zip (GBK), both written streaming into a temp dir, then each parsed once (a cold JVM, as a daily job
 * is) with a counting consumer. One line per format: rows, seconds, rows/s, and the peak heap used while parsing (the
 * heap pools' peaks, reset after a GC just before), against -Xmx. Prints figures; fails only if the parse does.
 *
 *   java -Xmx64m -cp payment/target/classes bench/recon/BillParseBench.java [rows]
 */
public class BillParseBench {

    private static final Charset GBK = Charset.forName("GBK");

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("bill-bench");
        try {
            Path wechat = dir.resolve("tradebill.csv.gz");
            Path alipay = dir.resolve("20880000000000000156_20261205.csv.zip");
            writeWechat(wechat, rows);
            writeAlipay(alipay, rows);
            // The machine's own limit for each file: decompress and split it into text lines, nothing else.
            double wechatRaw = rawLinesPerSecond(() -> {
                try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(new GZIPInputStream(
                        new BufferedInputStream(Files.newInputStream(wechat), 1 << 16), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
                    return r.lines().count();
                }
            });
            measure("wechat-tradebill", rows, Files.size(wechat), wechatRaw, consumer -> {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(wechat), 1 << 16), 1 << 16)) {
                    return new WechatTradeBillParser().parse(in, consumer);
                }
            });
            double alipayRaw = rawLinesPerSecond(() -> {
                long lines = 0;
                try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                        new BufferedInputStream(Files.newInputStream(alipay), 1 << 16), GBK)) {
                    while (zip.getNextEntry() != null) {
                        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(zip, GBK), 1 << 16);
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            lines++;
                        }
                    }
                }
                return lines;
            });
            measure("alipay-trade-zip", rows, Files.size(alipay), alipayRaw, consumer -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(alipay), 1 << 16)) {
                    return new AlipayTradeBillParser().parse(in, consumer);
                }
            });
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    interface Count {
        long run() throws IOException;
    }

    /** Lines per second of just reading the file (best of two, the first warms the JIT as the parse's own run does not). */
    private static double rawLinesPerSecond(Count read) throws IOException {
        double best = 0;
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            long lines = read.run();
            best = Math.max(best, lines / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    interface Parse {
        BillTotals run(Consumer<BillLine> lines) throws IOException;
    }

    private static void measure(String name, int rows, long fileBytes, double rawLinesPerSecond, Parse parse) throws IOException {
        long[] counted = new long[2];
        Consumer<BillLine> counter = line -> {
            counted[0]++;
            counted[1] += line.amountFen();
        };
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long start = System.nanoTime();
        BillTotals totals = parse.run(counter);
        double secs = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        if (counted[0] != rows || totals.lines() != rows || counted[1] != totals.paidFen() + totals.refundedFen()) {
            throw new IllegalStateException(name + ": counted " + counted[0] + " lines, totals " + totals + ", expected " + rows);
        }
        System.out.printf("%s rows=%d secs=%.2f rows/s=%d (%.0f%% of just reading its lines: %d/s) peak-heap-MiB=%d of Xmx %d"
                + " (%.0f%%) (file %.1f MiB)%n", name, rows, secs, Math.round(rows / secs), 100 * (rows / secs) / rawLinesPerSecond,
                Math.round(rawLinesPerSecond), peak >> 20, xmxMiB(), 100.0 * (peak >> 20) / xmxMiB(), fileBytes / 1048576.0);
    }

    private static long xmxMiB() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx")) {
                String v = arg.substring(4).toLowerCase();
                long n = Long.parseLong(v.replaceAll("[kmg]$", ""));
                return v.endsWith("g") ? n * 1024 : v.endsWith("m") ? n : v.endsWith("k") ? n / 1024 : n >> 20;
            }
        }
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    // Every fifth row a refund of the row before's payment; amounts and fees vary so the sums mean something.
    private static boolean refund(int i) {
        return i % 5 == 4;
    }

    private static long amountFen(int i) {
        return 1 + (i * 7919L) % 100_000;
    }

    private static void writeWechat(Path file, int rows) throws IOException {
        long paid = 0;
        long refunded = 0;
        long fees = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(new BufferedOutputStream(
                Files.newOutputStream(file), 1 << 16), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            out.write("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,"
                    + "代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\n");
            StringBuilder b = new StringBuilder(512);
            for (int i = 0; i < rows; i++) {
                long amount = amountFen(i);
                long fee = amount * 6;
                boolean refund = refund(i);
                int payment = refund ? i - 1 : i;
                b.setLength(0);
                b.append('`').append(time(i)).append(",`wxe1696e7c7db8e7f4,`1579507281,`0,`,`42000000012026120500").append(payment)
                        .append(",`P2026120500").append(payment).append(",`oVgfJ5TrnzDOSuaxbFc33mw-5LUY,`JSAPI,`")
                        .append(refund ? "REFUND" : "SUCCESS").append(",`OTHERS,`CNY,`");
                if (refund) {
                    b.append("0.00,`0.00,`503000000120261205").append(i).append(",`R2026120500").append(i).append(",`")
                            .append(yuan(amount)).append(",`0.00,`ORIGINAL,`SUCCESS,`");
                    refunded += amount;
                    fee = -fee;
                } else {
                    b.append(yuan(amount)).append(",`0.00,`0,`0,`0.00,`0.00,`,`,`");
                    paid += amount;
                }
                fees += fee;
                b.append("商品 ").append(i % 100).append(",`{\"order\":\"").append(payment).append("\",\"n\":1},`").append(fee(fee))
                        .append(",`0.60%,`").append(refund ? "0.00" : yuan(amount)).append(",`").append(refund ? yuan(amount) : "0.00")
                        .append(",`\n");
                out.append(b);
            }
            out.write("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n");
            out.write("`" + rows + ",`" + yuan(paid) + ",`" + yuan(refunded) + ",`0.00,`" + fee(fees) + ",`" + yuan(paid) + ",`"
                    + yuan(refunded) + "\n");
        }
    }

    private static void writeAlipay(Path file, int rows) throws IOException {
        long payments = 0;
        long paid = 0;
        long refunded = 0;
        long fees = 0;
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), GBK)) {
            zip.putNextEntry(new ZipEntry("20880000000000000156_20261205_业务明细.csv"));
            Writer out = new BufferedWriter(new OutputStreamWriter(zip, GBK), 1 << 16);
            out.write("#支付宝业务明细查询\n#账号：[20880000000000000156]\n#起始日期：[2026年12月05日 00:00:00]   终止日期：[2026年12月06日 00:00:00]\n"
                    + "#-----------------------------------------业务明细列表----------------------------------------\n"
                    + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,"
                    + "支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
                    + "退款批次号/请求号,服务费（元）,分润（元）,备注\n");
            StringBuilder b = new StringBuilder(512);
            for (int i = 0; i < rows; i++) {
                long amount = amountFen(i);
                long fee = amount * 6 / 1000;
                boolean refund = refund(i);
                int payment = refund ? i - 1 : i;
                String written = yuan(refund ? -amount : amount);
                if (refund) {
                    refunded += amount;
                    fee = -fee;
                } else {
                    payments++;
                    paid += amount;
                }
                fees += fee;
                b.setLength(0);
                b.append("20261205220014000000").append(payment).append("\t,P2026120500").append(payment).append("\t,")
                        .append(refund ? "退款" : "交易").append("\t,商品 ").append(i % 100).append(",2026-12-05 00:00:00,")
                        .append(time(i)).append(",\t,\t,\t,\t,*三(138****0000)\t,").append(written).append(',').append(written)
                        .append(",0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,").append(refund ? "R2026120500" + i : "").append("\t,")
                        .append(yuan(fee)).append(",0.00,备注\n");
                out.append(b);
            }
            out.write("#-----------------------------------------业务明细列表结束------------------------------------\n");
            out.write("#交易合计：" + payments + "笔，商家实收共" + yuan(paid) + "元，商家优惠共0.00元\n");
            out.write("#退款合计：" + (rows - payments) + "笔，商家实收退款共" + yuan(-refunded) + "元，商家优惠退款共0.00元\n");
            out.write("#导出时间：[2026年12月06日 05:46:49]\n");
            out.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("20880000000000000156_20261205_业务明细(汇总).csv"));
            out.write("#支付宝业务汇总查询\n#-----------------------------------------业务汇总列表----------------------------------------\n"
                    + "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,"
                    + "分润（元）,实收净额（元）\n");
            out.write("合计,," + payments + "," + (rows - payments) + "," + yuan(paid - refunded) + "," + yuan(paid - refunded)
                    + ",0.00,0.00,0.00," + yuan(fees) + ",0.00," + yuan(paid - refunded + fees) + "\n");
            out.write("#-----------------------------------------业务汇总列表结束-----------------------------------\n");
            out.flush();
            zip.closeEntry();
        }
    }

    private static String time(int i) {
        int s = i % 86_400;
        return "2026-12-05 " + two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String yuan(long fen) {
        long abs = Math.abs(fen);
        return (fen < 0 ? "-" : "") + abs / 100 + "." + two((int) (abs % 100));
    }

    private static String fee(long milliFen) {
        long abs = Math.abs(milliFen);
        return (milliFen < 0 ? "-" : "") + abs / 100_000 + "." + Long.toString(100_000 + abs % 100_000).substring(1);
    }
}
