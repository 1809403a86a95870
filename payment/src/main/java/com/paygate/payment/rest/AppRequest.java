package com.paygate.payment.rest;

import com.paygate.payment.domain.Channel;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Creating (appId, name and channels required) or changing an app (only what is given changes). {@code testMode} is
 * chosen at creation only.
 */
public record AppRequest(@Size(max = 32) String appId, @Size(max = 100) String name, @Size(max = 512) String webhookUrl,
        Set<Channel> channels, @Size(max = 32) String wechatApp, Boolean enabled, Boolean webhookEnabled, Boolean testMode) {
}
