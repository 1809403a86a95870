package com.paygate.payment.domain;

/** How the payer pays. Each channel belongs to one provider; the provider id is the CDI lookup key. */
public enum Channel {
    WECHAT_JSAPI("wechat"),
    WECHAT_H5("wechat"),
    WECHAT_NATIVE("wechat"),
    /** Alipay's mobile-browser cashier (alipay.trade.wap.pay). */
    ALIPAY_WAP("alipay"),
    /** A QR code the payer scans with the Alipay app (alipay.trade.precreate). */
    ALIPAY_QR("alipay"),
    /** Alipay's desktop cashier (alipay.trade.page.pay). */
    ALIPAY_PC("alipay");

    private final String provider;

    Channel(String provider) {
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }

    /** The payer scans a code shown by the front end ({@code GET /api/payments/{paySn}/qr.svg}). */
    public boolean isQr() {
        return this == WECHAT_NATIVE || this == ALIPAY_QR;
    }
}
