package com.paygate.payment.provider.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.payment.config.PaymentConfig;
import com.paygate.payment.provider.BillDownloads;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.SandboxOnly;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The WeChat Pay providers: {@code wechat} from {@code payment.wechat.*} (the merchant's live account) and
 * {@code wechat-test} from {@code payment.test-mode.wechat.*} (the sandbox test-mode apps pay through). Same code,
 * own keys, own notify URLs ({@code /notify/wechat-test/pay}); a payment keeps the provider it was created with.
 * Built at start: the keys are read from files, never lazily on an event loop.
 */
@ApplicationScoped
public class WechatProviders {

    public static final String TEST_ID = WechatPayProvider.ID + PaymentProvider.TEST_MODE_SUFFIX;

    @Produces
    @Singleton
    @Startup
    @Named(WechatPayProvider.ID)
    WechatPayProvider live(PaymentConfig config, BillDownloads downloads, ObjectMapper json, MeterRegistry metrics) {
        return build(WechatPayProvider.ID, "payment.wechat", config.wechat(), downloads, json, metrics);
    }

    @Produces
    @Singleton
    @Startup
    @Named(TEST_ID)
    WechatPayProvider testMode(PaymentConfig config, BillDownloads downloads, ObjectMapper json, MeterRegistry metrics) {
        PaymentConfig.Wechat wechat = config.testMode().wechat();
        if (wechat.complete()) {
            SandboxOnly.check("payment.test-mode.wechat.base-url", wechat.baseUrl());
        }
        return build(TEST_ID, "payment.test-mode.wechat", wechat, downloads, json, metrics);
    }

    private static WechatPayProvider build(String id, String prefix, PaymentConfig.Wechat settings, BillDownloads downloads,
            ObjectMapper json, MeterRegistry metrics) {
        WechatMerchant merchant = new WechatMerchant(id, prefix, settings);
        WechatPlatformKeys keys = new WechatPlatformKeys(id, settings, metrics);
        WechatPayClient client = new WechatPayClient(merchant, keys, json, metrics);
        return new WechatPayProvider(merchant, client, new WechatNotifications(merchant, keys, client, json),
                new WechatBills(merchant, client, downloads, json), json);
    }
}
