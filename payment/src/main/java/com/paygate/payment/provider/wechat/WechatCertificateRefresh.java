package com.paygate.payment.provider.wechat;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Certificate mode: downloads the platform certificates at start and then on a schedule, well before WeChat's
 * yearly rotation retires the old one, so notifications under a new serial are usually verified without any wait.
 * Public-key mode never calls /v3/certificates.
 */
@ApplicationScoped
public class WechatCertificateRefresh {

    private final WechatPlatformKeys keys;
    private final WechatPayClient client;

    public WechatCertificateRefresh(WechatPlatformKeys keys, WechatPayClient client) {
        this.keys = keys;
        this.client = client;
    }

    // Interval triggers fire first right after start; the config key is payment.wechat.certificates-refresh-every.
    @Scheduled(identity = "wechat-certificates", every = "${payment.wechat.certificates-refresh-every:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return keys.autoCertificates() ? client.refreshSoon() : Uni.createFrom().voidItem();
    }
}
