package com.paygate.payment.domain;

/** How the payer pays. Each channel belongs to one provider; the provider id is the CDI lookup key. */
public enum Channel {
    WECHAT_JSAPI("wechat"),
    WECHAT_H5("wechat"),
    WECHAT_NATIVE("wechat"),
    ALIPAY_WAP("alipay");

    private final String provider;

    Channel(String provider) {
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
