package com.paygate.sandbox.checkout;

import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The payer-facing pages (WeChat H5 / JSAPI / Native stand-ins and the Alipay cashier): one static template,
 * read once at start, filled with escaped trade details. Its Pay / Fail buttons post to the checkout pay action.
 */
@ApplicationScoped
public class CheckoutPages {

    private final String template;

    public CheckoutPages() {
        try (InputStream in = CheckoutPages.class.getResourceAsStream("/checkout/page.html")) {
            if (in == null) {
                throw new IllegalStateException("checkout/page.html missing from the sandbox jar");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param redirect where to send the browser afterwards (WeChat H5 redirect_url); null for none */
    public String page(Trade trade, String redirect) {
        boolean wechat = trade.provider() == Provider.WECHAT;
        Map<String, String> values = Map.of(
                "title", wechat ? "微信支付 WeChat Pay" : "支付宝 Alipay",
                "color", wechat ? "#07c160" : "#1677ff",
                "merchant", (wechat ? "商户号 " : "卖家 ") + trade.merchantId(),
                "subject", trade.description(),
                "amount", BigDecimal.valueOf(trade.totalFen()).movePointLeft(2).setScale(2).toPlainString(),
                "outTradeNo", trade.outTradeNo(),
                "state", trade.state().name(),
                "payUrl", "/sandbox/checkout/" + trade.checkoutId() + "/pay",
                "redirect", redirect == null ? "" : redirect);
        String html = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            html = html.replace("{{" + e.getKey() + "}}", escape(e.getValue()));
        }
        return html;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
