package com.paygate.payment.provider;

/**
 * The answer a provider's protocol expects to a notification, as wire data (status, content type, body); the
 * notification endpoint sends it. A null body means none (WeChat's 204).
 */
public record NotificationReply(int status, String contentType, String body) {
}
