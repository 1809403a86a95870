package com.paygate.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payer pages for WeChat H5 / JSAPI / Native: trade details shown escaped, Pay / Fail, back to the merchant. */
@QuarkusTest
class CheckoutTest {

    private static final String NOTIFY = "https://merchant.example/notify/wechat/pay";

    @Inject
    SandboxIdentity identity;

    Merchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new Merchant(identity.stateDir());
    }

    @Test
    void h5PageShowsTheTradeAndItsButtonsPayThenRedirect() {
        String no = Merchant.newOutTradeNo();
        String body = "{\"appid\":\"" + merchant.appId() + "\",\"mchid\":\"" + merchant.mchId()
                + "\",\"description\":\"<b>Museum</b> ticket\",\"out_trade_no\":\"" + no + "\",\"notify_url\":\"" + NOTIFY
                + "\",\"amount\":{\"total\":1234},\"scene_info\":{\"payer_client_ip\":\"127.0.0.1\",\"h5_info\":{\"type\":\"Wap\"}}}";
        URI h5 = URI.create(merchant.post("/v3/pay/transactions/h5", body).jsonPath().getString("h5_url"));
        String redirect = "https://shop.example/done?order=" + no;

        String html = given().urlEncodingEnabled(false)
                .get(h5.getRawPath() + "?redirect_url=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)).asString();
        assertTrue(html.contains("12.34"), html);
        assertTrue(html.contains("&lt;b&gt;Museum&lt;/b&gt; ticket"));
        assertFalse(html.contains("<b>Museum"));
        String action = attribute(html, "data-pay-url");

        Response failed = given().contentType("application/json").body("{\"outcome\":\"FAIL\",\"redirect\":\"" + redirect + "\"}").post(action);
        assertEquals("PAYERROR", failed.jsonPath().getString("state"));
        assertEquals(redirect, failed.jsonPath().getString("redirect"));

        Response paid = given().contentType("application/json").body("{\"outcome\":\"SUCCESS\",\"redirect\":\"" + redirect + "\"}").post(action);
        assertEquals("SUCCESS", paid.jsonPath().getString("state"));
        assertEquals("SUCCESS", given().get("/sandbox/transactions/" + no).jsonPath().getString("state"));
        assertEquals(409, given().contentType("application/json").body("{\"outcome\":\"SUCCESS\"}").post(action).statusCode());
    }

    @Test
    void jsapiPageChecksThePaySignAndNativePageFindsTheCodeUrl() {
        String no = Merchant.newOutTradeNo();
        String prepayId = merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(no, 500, NOTIFY)).jsonPath().getString("prepay_id");
        assertTrue(given().queryParam("prepay_id", prepayId).get("/sandbox/checkout/wechat-jsapi").asString().contains("5.00"));

        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String paySign = RsaSha256.sign(merchant.wechatPrivateKey(),
                WechatPaySignatures.paySignMessage(merchant.appId(), ts, "n0nce", "prepay_id=" + prepayId));
        given().queryParam("prepay_id", prepayId).queryParam("appId", merchant.appId()).queryParam("timeStamp", ts)
                .queryParam("nonceStr", "n0nce").queryParam("paySign", paySign)
                .get("/sandbox/checkout/wechat-jsapi").then().statusCode(200);
        given().queryParam("prepay_id", prepayId).queryParam("appId", merchant.appId()).queryParam("timeStamp", ts)
                .queryParam("nonceStr", "other").queryParam("paySign", paySign)
                .get("/sandbox/checkout/wechat-jsapi").then().statusCode(400);

        String nativeBody = merchant.jsapiBody(Merchant.newOutTradeNo(), 900, NOTIFY).replace(",\"payer\":{\"openid\":\"o-test-openid\"}", "");
        String codeUrl = merchant.post("/v3/pay/transactions/native", nativeBody).jsonPath().getString("code_url");
        assertTrue(given().queryParam("code_url", codeUrl).get("/sandbox/checkout/wechat-native").asString().contains("9.00"));

        given().queryParam("prepay_id", "wx-unknown").get("/sandbox/checkout/wechat-jsapi").then().statusCode(404);
        given().queryParam("code_url", codeUrl).get("/sandbox/checkout/wechat-jsapi").then().statusCode(404);
    }

    private static String attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), name);
        return m.group(1);
    }
}
