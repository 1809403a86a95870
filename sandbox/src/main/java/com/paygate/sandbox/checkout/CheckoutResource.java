package com.paygate.sandbox.checkout;

import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.common.error.ApiException;
import com.paygate.sandbox.alipay.AlipayGatewayService;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.notify.NotificationService;
import com.paygate.sandbox.payer.PayerService;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Where payers land: the pages standing in for WeChat's H5 / JSAPI / Native flows, and their Pay / Fail action. */
@Path("/sandbox/checkout")
public class CheckoutResource {

    private final TradeStore store;
    private final CheckoutPages pages;
    private final PayerService payer;
    private final NotificationService notifications;
    private final SandboxIdentity identity;

    public CheckoutResource(TradeStore store, CheckoutPages pages, PayerService payer, NotificationService notifications,
            SandboxIdentity identity) {
        this.identity = identity;
        this.store = store;
        this.pages = pages;
        this.payer = payer;
        this.notifications = notifications;
    }

    @GET
    @Path("/wechat-h5/{id}")
    @Produces(MediaType.TEXT_HTML)
    public String wechatH5(@PathParam("id") String id, @QueryParam("redirect_url") String redirectUrl) {
        return pages.page(trade(id, "MWEB"), redirectUrl);
    }

    @GET
    @Path("/wechat-jsapi")
    @Produces(MediaType.TEXT_HTML)
    public String wechatJsapi(@QueryParam("prepay_id") String prepayId, @QueryParam("appId") String appId,
            @QueryParam("timeStamp") String timeStamp, @QueryParam("nonceStr") String nonceStr,
            @QueryParam("paySign") String paySign) {
        Trade trade = trade(prepayId, "JSAPI");
        // A front end may pass what it would hand to wx.requestPayment; WeChat refuses a bad paySign, so do we.
        if (paySign != null) {
            String message = WechatPaySignatures.paySignMessage(appId, timeStamp, nonceStr, "prepay_id=" + prepayId);
            if (!trade.appId().equals(appId) || !RsaSha256.verify(identity.wechatMerchantPublicKey(), message, paySign)) {
                throw ApiException.badRequest("PAY_SIGN_INVALID", "paySign does not verify for this prepay_id and appId");
            }
        }
        return pages.page(trade, null);
    }

    @GET
    @Path("/wechat-native")
    @Produces(MediaType.TEXT_HTML)
    public String wechatNative(@QueryParam("code_url") String codeUrl) {
        String id = codeUrl == null ? null : codeUrl.substring(codeUrl.indexOf("pr=") + 3);
        return pages.page(trade(id, "NATIVE"), null);
    }

    /**
     * What a buyer's phone opens after scanning an Alipay precreate {@code qr_code}
     * ({@code https://qr.alipay.com/<id>}, which only the sandbox resolves): the cashier for that trade.
     */
    @GET
    @Path("/alipay-qr")
    @Produces(MediaType.TEXT_HTML)
    public String alipayQr(@QueryParam("qr_code") String qrCode) {
        String id = qrCode == null || !qrCode.startsWith(AlipayGatewayService.QR_PREFIX) ? null
                : qrCode.substring(AlipayGatewayService.QR_PREFIX.length());
        Trade trade = store.findByCheckoutId(id)
                .filter(t -> t.provider() == Provider.ALIPAY && t.tradeType().equals(AlipayGatewayService.QR))
                .orElseThrow(() -> ApiException.notFound("TRADE_NOT_FOUND", "No precreated trade for this qr_code"));
        return pages.page(trade, null);
    }

    @POST
    @Path("/{checkoutId}/pay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CheckoutResult pay(@PathParam("checkoutId") String checkoutId, @Valid CheckoutAction action) {
        Trade trade = store.findByCheckoutId(checkoutId)
                .orElseThrow(() -> ApiException.notFound("TRADE_NOT_FOUND", "No trade for this checkout"));
        Trade after = payer.pay(trade.outTradeNo(), "SUCCESS".equals(action.outcome()));
        String redirect = notifications.protocol(after.provider()).returnUrl(after, action.redirect());
        return new CheckoutResult(after.state().name(), redirect);
    }

    private Trade trade(String checkoutId, String tradeType) {
        return store.findByCheckoutId(checkoutId)
                .filter(t -> t.provider() == Provider.WECHAT && t.tradeType().equals(tradeType))
                .orElseThrow(() -> ApiException.notFound("TRADE_NOT_FOUND", "No " + tradeType + " trade for this id"));
    }

    @RegisterForReflection
    public record CheckoutAction(@NotBlank @Pattern(regexp = "SUCCESS|FAIL") String outcome, String redirect) {
    }

    @RegisterForReflection
    public record CheckoutResult(String state, String redirect) {
    }
}
