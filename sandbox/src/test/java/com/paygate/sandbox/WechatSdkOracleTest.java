package com.paygate.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.certificate.RSAAutoCertificateProvider;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official WeChat Pay SDK (wechatpay-java) talking to the sandbox, its requests redirected from
 * api.mch.weixin.qq.com: it signs requests, validates every response signature and serial, builds the paySign.
 */
@QuarkusTest
class WechatSdkOracleTest {

    @Inject
    SandboxIdentity identity;
    @TestHTTPResource("/")
    URL sandbox;

    Merchant merchant;
    OkHttpClient toSandbox;

    @BeforeEach
    void setUp() {
        merchant = new Merchant(identity.stateDir());
        toSandbox = new OkHttpClient.Builder().addInterceptor(chain -> {
            HttpUrl url = chain.request().url().newBuilder().scheme("http").host(sandbox.getHost()).port(sandbox.getPort()).build();
            return chain.proceed(chain.request().newBuilder().url(url).build());
        }).build();
    }

    @AfterEach
    void resetFaults() {
        given().delete("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void sdkPrepaysQueriesAndClosesInPublicKeyMode() {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(merchant.mchId())
                .privateKeyFromPath(merchant.get("payment.wechat.merchant-private-key"))
                .merchantSerialNumber(merchant.get("payment.wechat.merchant-serial-no"))
                .publicKey(merchant.platformPublicKey())
                .publicKeyId(merchant.publicKeyId())
                .apiV3Key(merchant.apiV3Key())
                .build();
        HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(toSandbox).build();
        JsapiServiceExtension service = new JsapiServiceExtension.Builder().config(config).httpClient(http).build();

        String no = Merchant.newOutTradeNo();
        PrepayRequest prepay = new PrepayRequest();
        prepay.setAppid(merchant.appId());
        prepay.setMchid(merchant.mchId());
        prepay.setDescription("Sandbox ticket");
        prepay.setOutTradeNo(no);
        prepay.setNotifyUrl("https://merchant.example/notify/wechat/pay");
        Amount amount = new Amount();
        amount.setTotal(4200);
        prepay.setAmount(amount);
        Payer payer = new Payer();
        payer.setOpenid("o-sdk-openid");
        prepay.setPayer(payer);

        PrepayWithRequestPaymentResponse payment = service.prepayWithRequestPayment(prepay);
        assertTrue(payment.getPackageVal().startsWith("prepay_id=wx"));
        // The paySign the mini-program hands to wx.requestPayment verifies with the merchant's public key.
        String message = WechatPaySignatures.paySignMessage(payment.getAppId(), payment.getTimeStamp(), payment.getNonceStr(),
                payment.getPackageVal());
        assertTrue(RsaSha256.verify(identity.wechatMerchantPublicKey(), message, payment.getPaySign()));

        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(merchant.mchId());
        query.setOutTradeNo(no);
        Transaction open = service.queryOrderByOutTradeNo(query);
        assertEquals(Transaction.TradeStateEnum.NOTPAY, open.getTradeState());
        assertEquals(4200, open.getAmount().getTotal());

        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);
        Transaction paid = service.queryOrderByOutTradeNo(query);
        assertEquals(Transaction.TradeStateEnum.SUCCESS, paid.getTradeState());
        QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
        byId.setMchid(merchant.mchId());
        byId.setTransactionId(paid.getTransactionId());
        assertEquals(no, service.queryOrderById(byId).getOutTradeNo());

        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(merchant.mchId());
        close.setOutTradeNo(no);
        ServiceException refused = assertThrows(ServiceException.class, () -> service.closeOrder(close));
        assertEquals("ORDERPAID", refused.getErrorCode());
    }

    @Test
    void sdkDownloadsAndDecryptsThePlatformCertificateInCertificateMode() {
        given().contentType("application/json").body("{\"wechatMode\":\"certificate\"}").post("/sandbox/faults").then().statusCode(200);
        RSAAutoCertificateProvider provider = new RSAAutoCertificateProvider.Builder()
                .merchantId(merchant.mchId())
                .privateKey(merchant.wechatPrivateKey())
                .merchantSerialNumber(merchant.get("payment.wechat.merchant-serial-no"))
                .apiV3Key(merchant.apiV3Key().getBytes(StandardCharsets.UTF_8))
                .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toSandbox))
                .build();
        // The SDK validates the download with the certificate it just decrypted, found by Wechatpay-Serial.
        X509Certificate certificate = provider.getAvailableCertificate();
        assertEquals(identity.id("wechat.platform-serial-no"), certificate.getSerialNumber().toString(16).toUpperCase());
        assertEquals(identity.wechatPlatformPublicKey(), certificate.getPublicKey());
    }
}
