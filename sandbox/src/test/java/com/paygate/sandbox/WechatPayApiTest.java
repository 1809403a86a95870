package com.paygate.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WeChat Pay v3 wire protocol: request authentication, validation, prepay / query / close, signed answers. */
@QuarkusTest
class WechatPayApiTest {

    private static final String JSAPI = "/v3/pay/transactions/jsapi";
    private static final String NOTIFY = "https://merchant.example/notify/wechat/pay";

    @Inject
    SandboxIdentity identity;

    Merchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new Merchant(identity.stateDir());
    }

    @Test
    void signedJsapiPrepayAnswersAPrepayIdInASignedResponse() {
        Response response = merchant.post(JSAPI, merchant.jsapiBody(Merchant.newOutTradeNo(), 1999, NOTIFY));

        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.jsonPath().getString("prepay_id").startsWith("wx"));
        assertTrue(merchant.platformSigned(response));
        assertEquals(merchant.publicKeyId(), response.header("Wechatpay-Serial"));
        assertNotNull(response.header("Request-ID"));
    }

    @Test
    void unsignedTamperedStaleAndForeignRequestsAre401SignError() {
        String body = merchant.jsapiBody(Merchant.newOutTradeNo(), 100, NOTIFY);
        long now = Instant.now().getEpochSecond();

        Response unsigned = given().contentType("application/json").body(body).post(JSAPI);
        assertSignError(unsigned);

        String signedForOther = merchant.authorization("POST", JSAPI, body.replace("100", "1"), now);
        assertSignError(given().header("Authorization", signedForOther).contentType("application/json").body(body).post(JSAPI));

        String otherPath = merchant.authorization("POST", "/v3/pay/transactions/native", body, now);
        assertSignError(given().header("Authorization", otherPath).contentType("application/json").body(body).post(JSAPI));

        String stale = merchant.authorization("POST", JSAPI, body, now - 301);
        assertSignError(given().header("Authorization", stale).contentType("application/json").body(body).post(JSAPI));

        String foreignMch = merchant.authorization("POST", JSAPI, body, now).replace(merchant.mchId(), "1900000001");
        assertSignError(given().header("Authorization", foreignMch).contentType("application/json").body(body).post(JSAPI));

        String fresh = merchant.authorization("POST", JSAPI, body, now);
        assertEquals(200, given().header("Authorization", fresh).contentType("application/json").body(body).post(JSAPI).statusCode());
    }

    @Test
    void invalidPrepayBodiesAreParamErrors() {
        String no = Merchant.newOutTradeNo();
        String valid = merchant.jsapiBody(no, 100, NOTIFY);
        assertParamError(merchant.post(JSAPI, valid.replace(",\"payer\":{\"openid\":\"o-test-openid\"}", "")), "openid");
        assertParamError(merchant.post(JSAPI, valid.replace(no, "ab#cdef")), "out_trade_no");
        assertParamError(merchant.post(JSAPI, valid.replace(no, "abc")), "out_trade_no");
        assertParamError(merchant.post(JSAPI, valid.replace("\"total\":100", "\"total\":0")), "amount.total");
        assertParamError(merchant.post(JSAPI, valid.replace("\"total\":100", "\"total\":1.5")), "amount.total");
        assertParamError(merchant.post(JSAPI, valid.replace("CNY", "USD")), "currency");
        assertParamError(merchant.post(JSAPI, valid.replace(NOTIFY, "ftp://merchant.example/n")), "notify_url");
        assertParamError(merchant.post(JSAPI, valid.replace("\"description\":\"Ticket\",", "")), "description");
        assertParamError(merchant.post(JSAPI, valid.replace("}}", "},\"time_expire\":\"tomorrow\"}")), "time_expire");
        assertParamError(merchant.post(JSAPI, "{not json"), "JSON");
        assertParamError(merchant.post("/v3/pay/transactions/h5", valid), "scene_info");

        Response wrongApp = merchant.post(JSAPI, valid.replace(merchant.appId(), "wx0000000000000000"));
        assertEquals(400, wrongApp.statusCode());
        assertEquals("APPID_MCHID_NOT_MATCH", wrongApp.jsonPath().getString("code"));
        assertTrue(merchant.platformSigned(wrongApp));
    }

    @Test
    void repeatedPrepayIsIdempotentButAReusedNumberIsRefused() {
        String no = Merchant.newOutTradeNo();
        String first = merchant.post(JSAPI, merchant.jsapiBody(no, 500, NOTIFY)).jsonPath().getString("prepay_id");
        String again = merchant.post(JSAPI, merchant.jsapiBody(no, 500, NOTIFY)).jsonPath().getString("prepay_id");
        assertEquals(first, again);

        Response reused = merchant.post(JSAPI, merchant.jsapiBody(no, 501, NOTIFY));
        assertEquals(400, reused.statusCode());
        assertEquals("INVALID_REQUEST", reused.jsonPath().getString("code"));
    }

    @Test
    void h5AndNativeAnswerTheirUrls() {
        String h5No = Merchant.newOutTradeNo();
        String h5Body = "{\"appid\":\"" + merchant.appId() + "\",\"mchid\":\"" + merchant.mchId()
                + "\",\"description\":\"Ticket\",\"out_trade_no\":\"" + h5No + "\",\"notify_url\":\"" + NOTIFY
                + "\",\"amount\":{\"total\":1},\"scene_info\":{\"payer_client_ip\":\"127.0.0.1\",\"h5_info\":{\"type\":\"Wap\"}}}";
        Response h5 = merchant.post("/v3/pay/transactions/h5", h5Body);
        assertEquals(200, h5.statusCode(), h5.asString());
        assertTrue(h5.jsonPath().getString("h5_url").matches("http://[^/]+/sandbox/checkout/wechat-h5/wx\\w+"), h5.asString());
        // The trade view shows what the merchant sent as the payer's IP, so merchants' tests can check it.
        assertEquals("127.0.0.1", io.restassured.RestAssured.given().get("/sandbox/transactions/" + h5No).jsonPath()
                .getString("payerClientIp"));

        String nativeBody = h5Body.replaceAll("\"out_trade_no\":\"\\w+\"", "\"out_trade_no\":\"" + Merchant.newOutTradeNo() + "\"");
        Response nativePay = merchant.post("/v3/pay/transactions/native", nativeBody);
        assertEquals(200, nativePay.statusCode(), nativePay.asString());
        assertTrue(nativePay.jsonPath().getString("code_url").startsWith("weixin://wxpay/bizpayurl?pr="));
        assertTrue(merchant.platformSigned(nativePay));
    }

    @Test
    void queryAndCloseFollowTheTrade() {
        String no = Merchant.newOutTradeNo();
        merchant.post(JSAPI, merchant.jsapiBody(no, 777, NOTIFY));
        String queryPath = "/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + merchant.mchId();

        Response open = merchant.get(queryPath, true);
        assertEquals(200, open.statusCode(), open.asString());
        assertTrue(merchant.platformSigned(open));
        assertEquals("NOTPAY", open.jsonPath().getString("trade_state"));
        assertEquals("JSAPI", open.jsonPath().getString("trade_type"));
        assertEquals(777, open.jsonPath().getInt("amount.total"));
        assertEquals("o-test-openid", open.jsonPath().getString("payer.openid"));
        assertNull(open.jsonPath().getString("transaction_id"));

        assertEquals(401, merchant.get(queryPath, false).statusCode());

        String closePath = "/v3/pay/transactions/out-trade-no/" + no + "/close";
        Response closed = merchant.post(closePath, "{\"mchid\":\"" + merchant.mchId() + "\"}");
        assertEquals(204, closed.statusCode(), closed.asString());
        assertTrue(merchant.platformSigned(closed));
        assertEquals("CLOSED", merchant.get(queryPath, true).jsonPath().getString("trade_state"));

        Response unknown = merchant.get("/v3/pay/transactions/out-trade-no/NOPE123456?mchid=" + merchant.mchId(), true);
        assertEquals(404, unknown.statusCode());
        assertEquals("ORDER_NOT_EXIST", unknown.jsonPath().getString("code"));
        assertTrue(merchant.platformSigned(unknown));
    }

    private void assertSignError(Response response) {
        assertEquals(401, response.statusCode(), response.asString());
        assertEquals("SIGN_ERROR", response.jsonPath().getString("code"));
        assertFalse(response.jsonPath().getString("message").isBlank());
        assertTrue(merchant.platformSigned(response), "error answers are signed too");
    }

    private void assertParamError(Response response, String mentions) {
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("PARAM_ERROR", response.jsonPath().getString("code"));
        assertTrue(response.jsonPath().getString("message").contains(mentions), response.asString());
        assertTrue(merchant.platformSigned(response));
        assertNotEquals("", response.header("Wechatpay-Signature"));
    }
}
