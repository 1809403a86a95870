package com.paygate.payment.provider.wechat;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;

/**
 * Signs every WeChat Pay API v3 request over what is actually sent: the method, the request URI's raw path and
 * query as the REST client built them (percent-encoding included), and the body. wechatpay-java signs
 * {@code request.getUri()} the same way. One place, so a path built by hand can never disagree with the
 * {@code @Path} the client really calls.
 */
final class WechatSigningFilter implements ClientRequestFilter {

    private final WechatMerchant merchant;

    WechatSigningFilter(WechatMerchant merchant) {
        this.merchant = merchant;
    }

    @Override
    public void filter(ClientRequestContext request) {
        URI uri = request.getUri();
        String pathWithQuery = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        // Bodies are the JSON text the adapter wrote (WechatPayApi takes String), sent as its UTF-8 bytes.
        String body = request.hasEntity() ? (String) request.getEntity() : "";
        request.getHeaders().putSingle("Authorization", merchant.authorization(request.getMethod(), pathWithQuery, body));
    }
}
