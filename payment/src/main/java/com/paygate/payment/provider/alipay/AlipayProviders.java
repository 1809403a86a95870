package com.paygate.payment.provider.alipay;

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
 * The Alipay providers: {@code alipay} from {@code payment.alipay.*} and {@code alipay-test} from
 * {@code payment.test-mode.alipay.*} (the sandbox test-mode apps pay through, notified at
 * {@code /notify/alipay-test}). Built at start: the keys are read from files, never lazily on an event loop.
 */
@ApplicationScoped
public class AlipayProviders {

    public static final String TEST_ID = AlipayProvider.ID + PaymentProvider.TEST_MODE_SUFFIX;

    @Produces
    @Singleton
    @Startup
    @Named(AlipayProvider.ID)
    AlipayProvider live(PaymentConfig config, BillDownloads downloads, ObjectMapper json, MeterRegistry metrics) {
        return build(AlipayProvider.ID, "payment.alipay", config.alipay(), downloads, json, metrics);
    }

    @Produces
    @Singleton
    @Startup
    @Named(TEST_ID)
    AlipayProvider testMode(PaymentConfig config, BillDownloads downloads, ObjectMapper json, MeterRegistry metrics) {
        PaymentConfig.Alipay alipay = config.testMode().alipay();
        if (alipay.appId().isPresent()) {
            SandboxOnly.check("payment.test-mode.alipay.gateway-url", alipay.gatewayUrl());
        }
        return build(TEST_ID, "payment.test-mode.alipay", alipay, downloads, json, metrics);
    }

    private static AlipayProvider build(String id, String prefix, PaymentConfig.Alipay settings, BillDownloads downloads,
            ObjectMapper json, MeterRegistry metrics) {
        AlipayMerchant merchant = new AlipayMerchant(id, prefix, settings);
        AlipayClient client = new AlipayClient(merchant, json, metrics);
        return new AlipayProvider(merchant, client, new AlipayNotifications(merchant),
                new AlipayBills(merchant, client, downloads), json);
    }
}
