package com.paygate.payment.provider.wechat;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/**
 * Certificate mode: downloads the platform certificates at start and then on a schedule, well before WeChat's
 * yearly rotation retires the old one, so notifications under a new serial are usually verified without any wait.
 * Public-key mode never calls /v3/certificates. Each WeChat provider (live, test mode) refreshes its own.
 */
@ApplicationScoped
public class WechatCertificateRefresh {

    private final Instance<WechatPayProvider> providers;

    public WechatCertificateRefresh(@Any Instance<WechatPayProvider> providers) {
        this.providers = providers;
    }

    // Interval triggers fire first right after start; the config key is payment.wechat.certificates-refresh-every.
    @Scheduled(identity = "wechat-certificates", every = "${payment.wechat.certificates-refresh-every:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Uni.join().all(providers.stream().map(WechatPayProvider::refreshCertificates).toList())
                .andCollectFailures().replaceWithVoid();
    }
}
