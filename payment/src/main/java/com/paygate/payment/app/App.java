package com.paygate.payment.app;

import com.paygate.payment.domain.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A business line that takes payments through the signed /api/apps API and hears of them by webhook. The built-in
 * order service is the line {@link com.paygate.payment.domain.Payment#BUILT_IN_APP}, which has no row here.
 */
@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {

    @Id
    @Column(name = "app_id")
    public String appId;

    @Column(nullable = false)
    public String name;

    /** Where webhooks go; registered by an admin only, never taken from a request. */
    @Column(name = "webhook_url")
    public String webhookUrl;

    /** Comma-separated channel names the app may pay with. */
    @Column(name = "allowed_channels", nullable = false)
    public String allowedChannels;

    /** Which of the merchant's WeChat apps its payers are in (payment.wechat.apps.<name>); null: the default appid. */
    @Column(name = "wechat_app")
    public String wechatApp;

    /** Pays through the test-mode providers (sandboxes) only; set at creation, never changed. */
    @Column(name = "test_mode", nullable = false)
    public boolean testMode;

    @Column(nullable = false)
    public boolean enabled;

    /** False once the endpoint failed for payment.apps.webhooks.disable-after; an admin turns it back on. */
    @Column(name = "webhook_enabled", nullable = false)
    public boolean webhookEnabled;

    /** The first failure since the endpoint last answered 2xx; null while it is healthy. */
    @Column(name = "webhook_failing_since")
    public Instant webhookFailingSince;

    /** The endpoint's latest failure: after a quiet gap longer than any retry wait, failing starts again from zero. */
    @Column(name = "webhook_last_failure_at")
    public Instant webhookLastFailureAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Set<Channel> channels() {
        return allowedChannels == null || allowedChannels.isBlank() ? EnumSet.noneOf(Channel.class)
                : Arrays.stream(allowedChannels.split(",")).map(Channel::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    }

    public void channels(Collection<Channel> channels) {
        allowedChannels = channels.stream().map(Channel::name).sorted().collect(Collectors.joining(","));
    }
}
