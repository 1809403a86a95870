package com.paygate.sandbox;

import static com.paygate.sandbox.support.BillRows.chinaDay;
import static com.paygate.sandbox.support.BillRows.chinaTime;
import static com.paygate.sandbox.support.BillRows.lines;
import static com.paygate.sandbox.support.BillRows.pathAndQuery;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.BillRows;
import com.paygate.sandbox.support.Merchant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alipay's daily trade bill: alipay.data.dataservice.bill.downloadurl.query through alipay-sdk-java (which checks
 * the answer's signature), then the plain download of a zip of GBK CSV files, checked line by line.
 */
@QuarkusTest
class AlipayBillsTest {

    static final Charset GBK = Charset.forName("GBK");
    static final String DETAIL_HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
            + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
            + "退款批次号/请求号,服务费（元）,分润（元）,备注";
    static final String SUMMARY_HEADER = "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,"
            + "卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";
    static final DateTimeFormatter CHINESE_DAY = DateTimeFormatter.ofPattern("yyyy年MM月dd日");

    @Inject
    SandboxIdentity identity;
    @TestHTTPResource("/gateway.do")
    URL gateway;

    Merchant merchant;
    AlipayClient sdk;

    @BeforeEach
    void setUp() {
        merchant = new Merchant(identity.stateDir());
        sdk = new DefaultAlipayClient(gateway.toString(), merchant.get("payment.alipay.app-id"),
                base64(merchant.alipayPrivateKey().getEncoded()), "json", "utf-8",
                base64(merchant.alipayPublicKey().getEncoded()), "RSA2");
    }

    @AfterEach
    void tearDown() {
        given().delete("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void theBillIsAZipOfGbkCsvFilesWithAlipaysCommentLinesAndNegativeRefunds() throws Exception {
        BillRows.faults("{\"businessDayShift\":-201}");
        String a = paidTrade("88.88");
        String b = paidTrade("10.00");
        AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
        refund.setBizContent("{\"out_trade_no\":\"" + a + "\",\"refund_amount\":\"20.00\",\"out_request_no\":\"RQ-" + a + "\"}");
        AlipayTradeRefundResponse refunded = sdk.execute(refund);
        assertTrue(refunded.isSuccess(), refunded.getBody());
        assertTrue(refunded.getBody().contains("\"gmt_refund_pay\":\"" + LocalDate.now(BillRows.CHINA).minusDays(201) + " "),
                "the refund's time is shifted too: " + refunded.getBody());
        given().delete("/sandbox/faults").then().statusCode(200);
        LocalDate date = chinaDay(BillRows.successTime(a));
        assertEquals(LocalDate.now(BillRows.CHINA).minusDays(201), date);

        AlipayDataDataserviceBillDownloadurlQueryResponse answer = query("trade", date.toString());
        assertTrue(answer.isSuccess(), answer.getBody());
        String url = answer.getBillDownloadUrl();
        assertTrue(url.matches("http://[^/]+/sandbox/alipay/bills/[A-Za-z0-9_-]+\\.csv\\.zip"), url);

        Response download = given().urlEncodingEnabled(false).get(pathAndQuery(url));
        assertEquals(200, download.statusCode());
        assertEquals("application/zip", download.contentType());
        String pid = merchant.get("payment.alipay.seller-id");
        String base = pid + "0156_" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
        assertTrue(download.header("Content-Disposition").contains(base + ".csv.zip"));
        byte[] zip = download.asByteArray();

        // Entry names are GBK bytes, without the zip's UTF-8 flag (general purpose bit 11).
        ByteBuffer header = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x04034b50, header.getInt(0));
        assertEquals(0, header.getShort(6) & 0x0800, "no UTF-8 flag");
        byte[] firstName = new byte[header.getShort(26)];
        System.arraycopy(zip, 30, firstName, 0, firstName.length);
        assertArrayEquals((base + "_业务明细.csv").getBytes(GBK), firstName);

        Map<String, String> files = unzip(zip);
        assertEquals(List.of(base + "_业务明细.csv", base + "_业务明细(汇总).csv"), List.copyOf(files.keySet()));

        String period = "#起始日期：[" + date.format(CHINESE_DAY) + " 00:00:00]   终止日期：[" + date.plusDays(1).format(CHINESE_DAY)
                + " 00:00:00]";
        String txA = transactionId(a);
        String createdA = chinaTime(OffsetDateTime.parse(given().get("/sandbox/transactions/" + a).jsonPath().getString("createdAt")));
        String createdB = chinaTime(OffsetDateTime.parse(given().get("/sandbox/transactions/" + b).jsonPath().getString("createdAt")));
        List<String> detail = lines(files.get(base + "_业务明细.csv"));
        assertEquals(12, detail.size(), String.join("\n", detail));
        assertEquals(List.of(
                "#支付宝业务明细查询",
                "#账号：[" + pid + "0156]",
                period,
                "#-----------------------------------------业务明细列表----------------------------------------",
                DETAIL_HEADER,
                txA + "\t," + a + "\t,交易\t,Bill ticket," + createdA + "," + chinaTime(BillRows.successTime(a))
                        + ",\t,\t,\t,\t,sbx***@sandbox.example\t,88.88,88.88,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.53,0.00,Bill ticket",
                transactionId(b) + "\t," + b + "\t,交易\t,Bill ticket," + createdB + "," + chinaTime(BillRows.successTime(b))
                        + ",\t,\t,\t,\t,sbx***@sandbox.example\t,10.00,10.00,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.06,0.00,Bill ticket",
                txA + "\t," + a + "\t,退款\t,Bill ticket," + createdA + "," + chinaTime(BillRows.refundSuccessTime(a, "RQ-" + a))
                        + ",\t,\t,\t,\t,sbx***@sandbox.example\t,-20.00,-20.00,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,RQ-" + a
                        + "\t,-0.12,0.00,Bill ticket",
                "#-----------------------------------------业务明细列表结束------------------------------------",
                "#交易合计：2笔，商家实收共98.88元，商家优惠共0.00元",
                "#退款合计：1笔，商家实收退款共-20.00元，商家优惠退款共0.00元"), detail.subList(0, 11));
        assertTrue(detail.get(11).matches("#导出时间：\\[\\d{4}年\\d{2}月\\d{2}日 \\d{2}:\\d{2}:\\d{2}]"), detail.get(11));

        List<String> summary = lines(files.get(base + "_业务明细(汇总).csv"));
        assertEquals(List.of(
                "#支付宝业务汇总查询",
                "#账号：[" + pid + "0156]",
                period,
                "#-----------------------------------------业务汇总列表----------------------------------------",
                SUMMARY_HEADER,
                "合计,,2,1,78.88,78.88,0.00,0.00,0.00,0.47,0.00,78.41",
                "#----------------------------------------业务汇总列表结束-------------------------------------"), summary.subList(0, 7));
        assertTrue(summary.get(7).startsWith("#导出时间：["));
    }

    @Test
    void noRowsIsBillNotExistBadArgumentsAreRefusedAndStaleLinksAreGone() throws Exception {
        String empty = LocalDate.now(BillRows.CHINA).minusDays(3400).toString();
        AlipayDataDataserviceBillDownloadurlQueryResponse none = query("trade", empty);
        assertFalse(none.isSuccess());
        assertEquals("40004", none.getCode());
        assertEquals("isp.bill_not_exist", none.getSubCode());

        for (String[] bad : List.of(new String[] {"trade", "2026-13-01"}, new String[] {"trade", "20261201"},
                new String[] {"trade", "2026-12"}, new String[] {"signcustomer", empty},
                new String[] {"trade", LocalDate.now(BillRows.CHINA).plusDays(3).toString()})) {
            AlipayDataDataserviceBillDownloadurlQueryResponse refused = query(bad[0], bad[1]);
            assertEquals("isv.invalid_arguments", refused.getSubCode(), String.join(" ", bad) + ": " + refused.getBody());
        }

        Response gone = given().get("/sandbox/alipay/bills/nosuchtoken.csv.zip");
        assertEquals(404, gone.statusCode());
        assertNull(gone.header("Content-Disposition"));
    }

    private AlipayDataDataserviceBillDownloadurlQueryResponse query(String type, String date) throws Exception {
        AlipayDataDataserviceBillDownloadurlQueryRequest request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizContent("{\"bill_type\":\"" + type + "\",\"bill_date\":\"" + date + "\"}");
        return sdk.execute(request);
    }

    static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), GBK));
            }
        }
        return files;
    }

    private String paidTrade(String yuan) throws Exception {
        String no = Merchant.newOutTradeNo();
        AlipayTradeWapPayRequest wap = new AlipayTradeWapPayRequest();
        wap.setNotifyUrl("http://127.0.0.1:9/unreachable");
        wap.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"" + yuan + "\",\"subject\":\"Bill ticket\","
                + "\"product_code\":\"QUICK_WAP_WAY\"}");
        URI uri = URI.create(sdk.pageExecute(wap, "GET").getBody());
        given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery()).then().statusCode(200);
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);
        return no;
    }

    private static String transactionId(String no) {
        return given().get("/sandbox/transactions/" + no).jsonPath().getString("transactionId");
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
