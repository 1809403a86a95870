package com.paygate.sandbox;

import static com.paygate.sandbox.support.BillRows.chinaDay;
import static com.paygate.sandbox.support.BillRows.differences;
import static com.paygate.sandbox.support.BillRows.lines;
import static com.paygate.sandbox.support.BillRows.pathAndQuery;
import static com.paygate.sandbox.support.BillRows.sha1;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.BillRows;
import com.paygate.sandbox.support.Merchant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bill differences: each one shows in the next bills, the bills stay internally consistent (summaries add up
 * the rows written), and resetting gives back the bill of what really happened.
 */
@QuarkusTest
class BillDifferencesTest {

    @Inject
    SandboxIdentity identity;
    @TestHTTPResource("/gateway.do")
    URL gateway;

    Merchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new Merchant(identity.stateDir());
    }

    @AfterEach
    void tearDown() {
        given().delete("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void eachDifferenceShowsInTheBillWhichStillAddsUp() throws Exception {
        BillRows.faults("{\"businessDayShift\":-121}");
        String p1 = paidTrade(1000);
        String p2 = paidTrade(2000);
        String p3 = paidTrade(3000);
        String r1 = "R1-" + p1;
        assertEquals(200, merchant.post("/v3/refund/domestic/refunds", "{\"out_trade_no\":\"" + p1 + "\",\"out_refund_no\":\"" + r1
                + "\",\"amount\":{\"refund\":500,\"total\":1000,\"currency\":\"CNY\"}}").statusCode());
        BillRows.awaitRefundsSettled(p1);
        String unpaid = Merchant.newOutTradeNo();
        assertEquals(200, merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(unpaid, 4000, "https://merchant.example/n"))
                .statusCode());
        given().delete("/sandbox/faults").then().statusCode(200);
        LocalDate date = chinaDay(BillRows.successTime(p1));
        String day = date.format(DateTimeFormatter.BASIC_ISO_DATE);

        List<Map<String, String>> real = tradeBillRows(date);
        assertEquals(4, real.size(), "without differences: the three payments and the refund");

        differences("{\"omitTrades\":[\"" + p2 + "\"],\"omitRefunds\":[\"" + r1 + "\"],\"extraTrades\":2,"
                + "\"extraRefunds\":[{\"outTradeNo\":\"" + p3 + "\",\"refundFen\":700}],\"amountDelta\":{\"" + p1 + "\":1},"
                + "\"reportPaid\":[\"" + unpaid + "\"],\"syntheticTrades\":5}").then().statusCode(200);
        Response shown = given().get("/sandbox/bills/differences");
        assertEquals(List.of(p2), shown.jsonPath().getList("omitTrades"));
        assertEquals(700, shown.jsonPath().getInt("extraRefunds[0].refundFen"));
        assertEquals(1, shown.jsonPath().getInt("amountDelta." + p1));
        assertEquals(5, shown.jsonPath().getInt("syntheticTrades"));

        List<Map<String, String>> rows = tradeBillRows(date);
        assertEquals(11, rows.size(), "p1, p3, 2 extra, the extra refund, the unpaid one, 5 synthetic");
        assertTrue(rows.stream().noneMatch(r -> r.get("商户订单号").equals(p2)), "omitTrades");
        assertTrue(rows.stream().noneMatch(r -> r.get("商户退款单号").equals(r1)), "omitRefunds");

        Map<String, String> p1Row = only(rows, r -> r.get("商户订单号").equals(p1));
        assertEquals("10.01", p1Row.get("应结订单金额"), "amountDelta");
        assertEquals("10.01", p1Row.get("订单金额"));
        assertEquals("0.06000", p1Row.get("手续费"));

        List<Map<String, String>> extras = rows.stream().filter(r -> r.get("商户订单号").startsWith("XTRA")).toList();
        assertEquals(List.of("XTRA" + day + "000001", "XTRA" + day + "000002"), extras.stream().map(r -> r.get("商户订单号")).toList());
        assertEquals(List.of("1.00", "2.00"), extras.stream().map(r -> r.get("应结订单金额")).toList());
        assertTrue(extras.stream().allMatch(r -> r.get("交易状态").equals("SUCCESS") && r.get("微信订单号").matches("4200" + day + "\\d{16}")));

        Map<String, String> extraRefund = only(rows, r -> r.get("交易状态").equals("REFUND"));
        assertEquals(p3, extraRefund.get("商户订单号"), "extraRefunds: a refund of p3 nobody made");
        assertEquals(transactionId(p3), extraRefund.get("微信订单号"));
        assertEquals("XREF" + day + "000001", extraRefund.get("商户退款单号"));
        assertEquals("7.00", extraRefund.get("退款金额"));
        assertEquals("7.00", extraRefund.get("申请退款金额"));
        assertEquals("-0.04000", extraRefund.get("手续费"));
        assertEquals("SUCCESS", extraRefund.get("退款状态"));

        Map<String, String> reported = only(rows, r -> r.get("商户订单号").equals(unpaid));
        assertEquals("SUCCESS", reported.get("交易状态"), "reportPaid: paid on the bill, not at the sandbox");
        assertEquals("40.00", reported.get("应结订单金额"));
        assertTrue(reported.get("交易时间").startsWith(date.toString()));
        assertEquals("NOTPAY", given().get("/sandbox/transactions/" + unpaid).jsonPath().getString("state"));

        assertEquals(5, rows.stream().filter(r -> r.get("商户订单号").matches("SYN" + day + "\\d{8}")).count(), "syntheticTrades");

        // The Alipay bill of that day: no Alipay trades, but the extra and synthetic rows of the differences (on every bill).
        List<String> alipay = alipayDetail(date);
        assertEquals(7, alipay.stream().filter(l -> l.contains("\t,交易\t,")).count());
        assertEquals(0, alipay.stream().filter(l -> l.contains("\t,退款\t,")).count(), "the extra refund of p3 is on WeChat's bill only");
        assertTrue(alipay.contains("#交易合计：7笔，商家实收共" + yuan(alipay) + "元，商家优惠共0.00元"), String.join("\n", alipay));

        given().delete("/sandbox/bills/differences").then().statusCode(200).body("extraTrades", equalTo(0));
        assertEquals(real, tradeBillRows(date), "reset: the bill of what happened");

        differences("{\"extraTrades\":1}").then().statusCode(200);
        differences("{\"syntheticTrades\":2}").then().statusCode(200);
        assertEquals(1, given().get("/sandbox/bills/differences").jsonPath().getInt("extraTrades"), "a POST changes what it names");
        given().delete("/sandbox/faults").then().statusCode(200);
        assertEquals(0, given().get("/sandbox/bills/differences").jsonPath().getInt("syntheticTrades"), "DELETE /sandbox/faults resets");
    }

    @Test
    void invalidDifferencesAreRefused() {
        for (String body : List.of("{\"omitTrade\":[\"X\"]}", "{\"extraTrades\":-1}", "{\"syntheticTrades\":500001}",
                "{\"extraRefunds\":[{\"outTradeNo\":\"X\"}]}", "{\"extraRefunds\":[{\"outTradeNo\":\"X\",\"refundFen\":0}]}",
                "{\"omitRefunds\":[\"\"]}", "[]")) {
            Response refused = differences(body);
            assertEquals(400, refused.statusCode(), body);
            assertEquals("INVALID_DIFFERENCE", refused.jsonPath().getString("code"), body);
        }
        assertEquals(400, differences("{\"extraTrades\":\"many\"}").statusCode());
        assertEquals(0, given().get("/sandbox/bills/differences").jsonPath().getInt("extraTrades"), "nothing changed");
    }

    @Test
    void aBigSyntheticBillIsConsistentAndHashed() throws Exception {
        LocalDate date = LocalDate.now(BillRows.CHINA).minusDays(3300);
        differences("{\"syntheticTrades\":50000}").then().statusCode(200);
        long start = System.nanoTime();
        Response applied = merchant.get("/v3/bill/tradebill?bill_date=" + date + "&bill_type=ALL&tar_type=GZIP", true);
        assertEquals(200, applied.statusCode(), applied.asString());
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(
                merchant.get(pathAndQuery(applied.jsonPath().getString("download_url")), true).asByteArray()))) {
            bytes = in.readAllBytes();
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(applied.jsonPath().getString("hash_value"), sha1(bytes));
        List<String> lines = lines(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(50_003, lines.size(), "header, rows, summary header and row");
        Map<String, String> summary = BillRows.wechatRow(WechatBillsTest.TRADE_SUMMARY_HEADER, lines.get(lines.size() - 1));
        assertEquals("50000", summary.get("总交易单数"));
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, String> row : BillRows.wechatDetails(lines, "总交易单数")) {
            sum = sum.add(new BigDecimal(row.get("应结订单金额")));
        }
        assertEquals(sum.toPlainString(), summary.get("应结订单总金额"));
        System.out.printf("50k-row WeChat bill: %d ms to apply, download and gunzip %d bytes%n", tookMs, bytes.length);
    }

    private List<Map<String, String>> tradeBillRows(LocalDate date) throws Exception {
        Response applied = merchant.get("/v3/bill/tradebill?bill_date=" + date + "&bill_type=ALL", true);
        assertEquals(200, applied.statusCode(), applied.asString());
        byte[] bytes = merchant.get(pathAndQuery(applied.jsonPath().getString("download_url")), true).asByteArray();
        assertEquals(applied.jsonPath().getString("hash_value"), sha1(bytes));
        List<String> lines = lines(new String(bytes, StandardCharsets.UTF_8));
        List<Map<String, String>> rows = BillRows.wechatDetails(lines, "总交易单数");
        assertEquals(rows.size() + 3, lines.size());
        // The summary adds up exactly the rows written.
        Map<String, String> summary = BillRows.wechatRow(lines.get(lines.size() - 2), lines.get(lines.size() - 1));
        assertEquals(Integer.toString(rows.size()), summary.get("总交易单数"));
        assertEquals(sum(rows, "应结订单金额"), summary.get("应结订单总金额"));
        assertEquals(sum(rows, "订单金额"), summary.get("订单总金额"));
        assertEquals(sum(rows, "退款金额"), summary.get("退款总金额"));
        assertEquals(sum(rows, "申请退款金额"), summary.get("申请退款总金额"));
        assertEquals(sum(rows, "手续费"), summary.get("手续费总金额"));
        return rows;
    }

    private List<String> alipayDetail(LocalDate date) throws Exception {
        AlipayClient sdk = new DefaultAlipayClient(gateway.toString(), merchant.get("payment.alipay.app-id"),
                Base64.getEncoder().encodeToString(merchant.alipayPrivateKey().getEncoded()), "json", "utf-8",
                Base64.getEncoder().encodeToString(merchant.alipayPublicKey().getEncoded()), "RSA2");
        AlipayDataDataserviceBillDownloadurlQueryRequest request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizContent("{\"bill_type\":\"trade\",\"bill_date\":\"" + date + "\"}");
        AlipayDataDataserviceBillDownloadurlQueryResponse answer = sdk.execute(request);
        assertTrue(answer.isSuccess(), answer.getBody());
        byte[] zip = given().urlEncodingEnabled(false).get(pathAndQuery(answer.getBillDownloadUrl())).asByteArray();
        return lines(AlipayBillsTest.unzip(zip).values().iterator().next());
    }

    /** The sum of the 商家实收 column of the detail rows. */
    private static String yuan(List<String> detail) {
        return detail.stream().filter(l -> l.contains("\t,交易\t,"))
                .map(l -> new BigDecimal(l.split(",", -1)[12])).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
    }

    private static String sum(List<Map<String, String>> rows, String column) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, String> row : rows) {
            sum = sum.add(new BigDecimal(row.get(column)));
        }
        return sum.toPlainString();
    }

    private static Map<String, String> only(List<Map<String, String>> rows, Predicate<Map<String, String>> which) {
        List<Map<String, String>> found = rows.stream().filter(which).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private String paidTrade(long totalFen) {
        String no = Merchant.newOutTradeNo();
        assertEquals(200, merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(no, totalFen, "https://merchant.example/n"))
                .statusCode());
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);
        return no;
    }

    private static String transactionId(String no) {
        return given().get("/sandbox/transactions/" + no).jsonPath().getString("transactionId");
    }
}
