package com.paygate.payment.provider;

import java.net.URI;
import java.util.Locale;

/** Test mode's one rule: its providers are sandboxes. A URL on WeChat Pay's or Alipay's own hosts stops the service. */
public final class SandboxOnly {

    private SandboxOnly() {
    }

    public static void check(String key, String url) {
        String host = URI.create(url).getHost();
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (host.equals("weixin.qq.com") || host.endsWith(".weixin.qq.com") || host.equals("alipay.com")
                || host.endsWith(".alipay.com")) {
            throw new IllegalStateException(key + " points at a real provider (" + host
                    + "): test mode pays through a sandbox only");
        }
    }
}
