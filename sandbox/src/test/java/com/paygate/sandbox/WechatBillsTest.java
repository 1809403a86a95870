package com.paygate.sandbox;

import static com.paygate.sandbox.support.BillRows.chinaDay;
import static com.paygate.sandbox.support.BillRows.chinaTime;
import static com.paygate.sandbox.support.BillRows.lines;
import static com.paygate.sandbox.support.BillRows.pathAndQuery;
import static com.paygate.sandbox.support.BillRows.sha1;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.BillRows;
import com.paygate.sandbox.support.Merchant;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.TarType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPInputStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WeChat Pay v3 bills: applying for the trade and fund-flow bills (signed answers with the file's SHA-1), the
 * signed download of the file itself (unsigned answer, plain or gzip), and the files' exact format. Each test puts
 * its trades on a day of its own with the businessDayShift fault, so it knows everything its bill must hold.
 */
@QuarkusTest
class WechatBillsTest {

    static final String TRADE_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
            + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,"
            + "申请退款金额,费率备注";
    static final String TRADE_SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    static final String FUND_HEADER = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
    static final String FUND_SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

    @Inject
    SandboxIdentity identity;
    @TestHTTPResource("/")
    URL sandbox;

    Merchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new Merchant(identity.stateDir());
    }

    @AfterEach
    void tearDown() {
        given().delete("/sandbox/faults").then().statusCode(200);
    }

    /** Two payments and a partial refund of the first, all on the day {@code dayShift} days back. */
    record Day(LocalDate date, String a, String b, String txA, String txB, String refundId, OffsetDateTime paidA,
            OffsetDateTime paidB, OffsetDateTime refunded) {
    }

    private Day twoPaymentsAndARefund(int dayShift) {
        BillRows.faults("{\"businessDayShift\":" + dayShift + "}");
        String a = paidTrade(10000);
        String b = paidTrade(2999);
        Response refund = merchant.post("/v3/refund/domestic/refunds", "{\"out_trade_no\":\"" + a + "\",\"out_refund_no\":\"R-" + a
                + "\",\"reason\":\"缺货\",\"amount\":{\"refund\":2500,\"total\":10000,\"currency\":\"CNY\"}}");
        assertEquals(200, refund.statusCode(), refund.asString());
        BillRows.awaitRefundsSettled(a);
        given().delete("/sandbox/faults").then().statusCode(200);
        OffsetDateTime paidA = BillRows.successTime(a);
        assertEquals(LocalDate.now(BillRows.CHINA).plusDays(dayShift), chinaDay(paidA), "paid on the shifted day");
        return new Day(chinaDay(paidA), a, b, transactionId(a), transactionId(b), refund.jsonPath().getString("refund_id"), paidA,
                BillRows.successTime(b), BillRows.refundSuccessTime(a, "R-" + a));
    }

    @Test
    void theTradeBillListsTheDaysPaymentsAndRefundsInWechatsFormat() throws Exception {
        Day day = twoPaymentsAndARefund(-101);

        Response applied = merchant.get("/v3/bill/tradebill?bill_date=" + day.date() + "&bill_type=ALL", true);
        assertEquals(200, applied.statusCode(), applied.asString());
        assertTrue(merchant.platformSigned(applied), "the application is answered like any v3 call");
        assertEquals("SHA1", applied.jsonPath().getString("hash_type"));
        String url = applied.jsonPath().getString("download_url");
        assertTrue(url.matches("http://[^/]+/v3/billdownload/file\\?token=[A-Za-z0-9_-]+"), url);

        Response file = merchant.get(pathAndQuery(url), true);
        assertEquals(200, file.statusCode(), file.asString());
        assertEquals("text/plain;charset=utf-8", file.contentType().replace(" ", ""));
        assertNull(file.header("Wechatpay-Signature"), "the file is not signed");
        byte[] bytes = file.asByteArray();
        assertEquals(applied.jsonPath().getString("hash_value"), sha1(bytes));

        String mch = merchant.mchId();
        String app = merchant.appId();
        List<String> lines = lines(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(List.of(
                TRADE_HEADER,
                "`" + chinaTime(day.paidA()) + ",`" + app + ",`" + mch + ",`0,`,`" + day.txA() + ",`" + day.a()
                        + ",`o-test-openid,`JSAPI,`SUCCESS,`OTHERS,`CNY,`100.00,`0.00,`0,`0,`0.00,`0.00,`,`,`Ticket,`,`0.60000,`0.60%,"
                        + "`100.00,`0.00,`",
                "`" + chinaTime(day.paidB()) + ",`" + app + ",`" + mch + ",`0,`,`" + day.txB() + ",`" + day.b()
                        + ",`o-test-openid,`JSAPI,`SUCCESS,`OTHERS,`CNY,`29.99,`0.00,`0,`0,`0.00,`0.00,`,`,`Ticket,`,`0.18000,`0.60%,"
                        + "`29.99,`0.00,`",
                "`" + chinaTime(day.refunded()) + ",`" + app + ",`" + mch + ",`0,`,`" + day.txA() + ",`" + day.a()
                        + ",`o-test-openid,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`" + day.refundId() + ",`R-" + day.a()
                        + ",`25.00,`0.00,`ORIGINAL,`SUCCESS,`Ticket,`,`-0.15000,`0.60%,`0.00,`25.00,`",
                TRADE_SUMMARY_HEADER,
                "`3,`129.99,`25.00,`0.00,`0.63000,`129.99,`25.00"), lines);

        // GZIP: the URL says so, the bytes are gzip, the hash is over the decompressed file, which is the same file.
        Response gzApplied = merchant.get("/v3/bill/tradebill?bill_date=" + day.date() + "&bill_type=ALL&tar_type=GZIP", true);
        assertEquals(200, gzApplied.statusCode(), gzApplied.asString());
        assertTrue(merchant.platformSigned(gzApplied));
        String gzUrl = gzApplied.jsonPath().getString("download_url");
        assertTrue(gzUrl.endsWith("&tartype=gzip"), gzUrl);
        Response gz = merchant.get(pathAndQuery(gzUrl), true);
        assertEquals(200, gz.statusCode());
        assertEquals("application/x-gzip", gz.contentType());
        assertNull(gz.header("Wechatpay-Signature"));
        byte[] unzipped;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.asByteArray()))) {
            unzipped = in.readAllBytes();
        }
        assertEquals(gzApplied.jsonPath().getString("hash_value"), sha1(unzipped));
        assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(unzipped, StandardCharsets.UTF_8));

        // The official SDK as the merchant: verifies the signed answer, downloads, decompresses and checks the hash.
        GetTradeBillRequest request = new GetTradeBillRequest();
        request.setBillDate(day.date().toString());
        request.setBillType(BillType.ALL);
        request.setTarType(TarType.GZIP);
        DigestBillEntity entity = sdk().getTradeBill(request);
        String sdkText;
        try (InputStream in = entity.getInputStream()) {
            sdkText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(entity.verifyHash(), "the SDK's hash check");
        assertEquals(new String(bytes, StandardCharsets.UTF_8), sdkText);
    }

    @Test
    void theFundFlowBillMovesTheBalanceByEachPaymentFeeAndRefund() throws Exception {
        // Further back than any other test's day: nothing before it, the balance starts at 0.
        Day day = twoPaymentsAndARefund(-3000);
        for (String path : List.of("/v3/bill/fundflowbill?bill_date=" + day.date(),
                "/v3/bill/fundflowbill?bill_date=" + day.date() + "&account_type=BASIC&tar_type=GZIP")) {
            Response applied = merchant.get(path, true);
            assertEquals(200, applied.statusCode(), applied.asString());
            assertTrue(merchant.platformSigned(applied));
            Response file = merchant.get(pathAndQuery(applied.jsonPath().getString("download_url")), true);
            byte[] bytes = file.asByteArray();
            if (path.contains("GZIP")) {
                assertEquals("application/x-gzip", file.contentType());
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            assertEquals(applied.jsonPath().getString("hash_value"), sha1(bytes));

            String flow = merchant.mchId() + day.date().format(DateTimeFormatter.BASIC_ISO_DATE) + "000000000";
            String ta = chinaTime(day.paidA());
            String tb = chinaTime(day.paidB());
            String tr = chinaTime(day.refunded());
            assertEquals(List.of(
                    FUND_HEADER,
                    "`" + ta + ",`" + day.txA() + ",`" + flow + "1,`交易,`交易,`收入,`100.00,`100.00,`system,`结算总金额 100.00 元;含手续费 0.60 元,`"
                            + day.a(),
                    "`" + ta + ",`" + day.txA() + ",`" + flow + "2,`扣除交易手续费,`扣除交易手续费,`支出,`0.60,`99.40,`system,`,`" + day.a(),
                    "`" + tb + ",`" + day.txB() + ",`" + flow + "3,`交易,`交易,`收入,`29.99,`129.39,`system,`结算总金额 29.99 元;含手续费 0.18 元,`"
                            + day.b(),
                    "`" + tb + ",`" + day.txB() + ",`" + flow + "4,`扣除交易手续费,`扣除交易手续费,`支出,`0.18,`129.21,`system,`,`" + day.b(),
                    "`" + tr + ",`" + day.refundId() + ",`" + flow + "5,`退款,`退款,`支出,`25.00,`104.21,`system,`缺货,`R-" + day.a(),
                    "`" + tr + ",`" + day.refundId() + ",`" + flow + "6,`退还交易手续费,`退还交易手续费,`收入,`0.15,`104.36,`system,`,`R-" + day.a(),
                    FUND_SUMMARY_HEADER,
                    "`6.0,`3.0,`130.14,`3.0,`25.78"), lines(new String(bytes, StandardCharsets.UTF_8)));
        }
        // The sandbox's money only moves through the basic account.
        assertNoStatement(merchant.get("/v3/bill/fundflowbill?bill_date=" + day.date() + "&account_type=OPERATION", true));
    }

    @Test
    void aDayWithoutRowsHasNoStatementAndBadParametersAreParamErrors() {
        String empty = LocalDate.now(BillRows.CHINA).minusDays(3500).toString();
        assertNoStatement(merchant.get("/v3/bill/tradebill?bill_date=" + empty + "&bill_type=ALL", true));
        assertNoStatement(merchant.get("/v3/bill/tradebill?bill_date=" + empty + "&tar_type=GZIP", true));
        assertNoStatement(merchant.get("/v3/bill/fundflowbill?bill_date=" + empty, true));

        for (String query : List.of("bill_date=2026-13-01", "bill_date=20261201", "bill_date=2026-02-30", "bill_type=ALL",
                "bill_date=" + LocalDate.now(BillRows.CHINA).plusDays(2), "bill_date=" + empty + "&tar_type=ZIP",
                "bill_date=" + empty + "&bill_type=NONE")) {
            Response bad = merchant.get("/v3/bill/tradebill?" + query, true);
            assertEquals(400, bad.statusCode(), query);
            assertEquals("PARAM_ERROR", bad.jsonPath().getString("code"), query);
            assertTrue(merchant.platformSigned(bad));
        }
        assertEquals("PARAM_ERROR", merchant.get("/v3/bill/fundflowbill?bill_date=" + empty + "&account_type=OTHER", true)
                .jsonPath().getString("code"));

        Response unsigned = merchant.get("/v3/bill/tradebill?bill_date=" + empty, false);
        assertEquals(401, unsigned.statusCode());
        assertEquals("SIGN_ERROR", unsigned.jsonPath().getString("code"));
    }

    @Test
    void downloadsNeedTheMerchantsSignatureAndAStillValidToken() {
        BillRows.faults("{\"businessDayShift\":-102}");
        String no = paidTrade(100);
        LocalDate date = chinaDay(BillRows.successTime(no));
        String path = pathAndQuery(merchant.get("/v3/bill/tradebill?bill_date=" + date, true).jsonPath().getString("download_url"));

        Response unsigned = merchant.get(path, false);
        assertEquals(401, unsigned.statusCode());
        assertEquals("SIGN_ERROR", unsigned.jsonPath().getString("code"));
        assertTrue(merchant.platformSigned(unsigned), "a refusal is signed like any other");

        String signedForAnother = merchant.authorization("GET", path.replace("token=", "token=x"), "",
                java.time.Instant.now().getEpochSecond());
        assertEquals(401, given().urlEncodingEnabled(false).header("Authorization", signedForAnother).get(path).statusCode());

        Response unknown = merchant.get("/v3/billdownload/file?token=nosuchtoken", true);
        assertEquals(400, unknown.statusCode());
        assertEquals("INVALID_REQUEST", unknown.jsonPath().getString("code"));
        assertTrue(merchant.platformSigned(unknown));

        Response file = merchant.get(path, true);
        assertEquals(200, file.statusCode());
        assertFalse(file.headers().hasHeaderWithName("Wechatpay-Signature"));
        assertFalse(file.headers().hasHeaderWithName("Wechatpay-Timestamp"));
        assertTrue(file.asString().contains(",`" + no + ","));
        assertEquals(200, merchant.get(path, true).statusCode(), "a token works until it expires");
    }

    private void assertNoStatement(Response response) {
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("NO_STATEMENT_EXIST", response.jsonPath().getString("code"));
        assertTrue(merchant.platformSigned(response));
    }

    private String paidTrade(long totalFen) {
        String no = Merchant.newOutTradeNo();
        Response prepay = merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(no, totalFen, "https://merchant.example/n"));
        assertEquals(200, prepay.statusCode(), prepay.asString());
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);
        return no;
    }

    private static String transactionId(String no) {
        return given().get("/sandbox/transactions/" + no).jsonPath().getString("transactionId");
    }

    private BillDownloadServiceExtension sdk() {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(merchant.mchId())
                .privateKeyFromPath(merchant.get("payment.wechat.merchant-private-key"))
                .merchantSerialNumber(merchant.get("payment.wechat.merchant-serial-no"))
                .publicKey(merchant.platformPublicKey())
                .publicKeyId(merchant.publicKeyId())
                .apiV3Key(merchant.apiV3Key())
                .build();
        OkHttpClient toSandbox = new OkHttpClient.Builder().addInterceptor(chain -> {
            HttpUrl url = chain.request().url().newBuilder().scheme("http").host(sandbox.getHost()).port(sandbox.getPort()).build();
            return chain.proceed(chain.request().newBuilder().url(url).build());
        }).build();
        return new BillDownloadServiceExtension.Builder().config(config)
                .httpClient(new DefaultHttpClientBuilder().config(config).okHttpClient(toSandbox).build()).build();
    }
}
