package com.paygate.payment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paygate.payment.app.App;
import com.paygate.payment.domain.Channel;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Set;

/** A business line as the admin API shows it; never its secrets (secret only in the answer that issued it). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppView(String appId, String name, String webhookUrl, Set<Channel> channels, String wechatApp, boolean testMode, boolean enabled, boolean webhookEnabled, Instant webhookFailingSince, Instant createdAt, Long secretId, String secret) {

    static AppView of(App app) {
        return new AppView(app.appId, app.name, app.webhookUrl, app.channels(), app.wechatApp, app.testMode, app.enabled,
                app.webhookEnabled, app.webhookFailingSince, app.createdAt, null, null);
    }

    static AppView issued(App app, long secretId, String secret) {
        return new AppView(app.appId, app.name, app.webhookUrl, app.channels(), app.wechatApp, app.testMode, app.enabled,
                app.webhookEnabled, app.webhookFailingSince, app.createdAt, secretId, secret);
    }
}
