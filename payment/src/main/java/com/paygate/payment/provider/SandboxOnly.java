package com.paygate.payment.provider;

import java.net.URI;
import java.util.Locale;

/** Test mode's one rule: its providers are sandboxes. A URL on WeChat Pay's or Alipay's own hosts stops the service. */
public final class SandboxOnly {

    private SandboxOnly() {
    }

    /** WeChat Pay's hosts (api.mch.weixin.qq.com, its backup api2.wechatpay.cn) and Alipay's. */
    private static final java.util.List<String> REAL = java.util.List.of("weixin.qq.com", "wechatpay.cn", "alipay.com");

    public static void check(String key, String url) {
        String named = URI.create(url).getHost() == null ? "" : URI.create(url).getHost().toLowerCase(Locale.ROOT);
        String host = named.endsWith(".") ? named.substring(0, named.length() - 1) : named;
        if (REAL.stream().anyMatch(real -> host.equals(real) || host.endsWith("." + real))) {
            throw new IllegalStateException(key + " points at a real provider (" + host
                    + "): test mode pays through a sandbox only");
        }
    }
}
