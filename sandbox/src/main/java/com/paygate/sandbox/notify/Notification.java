package com.paygate.sandbox.notify;

import com.paygate.sandbox.store.Provider;

/**
 * One notification as the provider sends it to the merchant's notify URL. The body is fixed for all attempts;
 * headers are produced per attempt by the provider's {@link ProviderProtocol} (WeChat re-signs each attempt).
 */
public record Notification(Provider provider, String outTradeNo, String id, String url, String contentType, String body) {
}
