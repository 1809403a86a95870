package com.paygate.payment.provider;

import com.paygate.common.error.ApiException;
import com.paygate.payment.domain.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the provider of a channel among the PaymentProvider beans; no switch over providers anywhere. Each provider
 * has a test-mode twin ({@code <id>-test}, a sandbox) that only apps created in test mode pay through.
 */
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, PaymentProvider> byId = new HashMap<>();

    public ProviderRegistry(@Any Instance<PaymentProvider> providers) {
        for (PaymentProvider p : providers) {
            byId.put(p.id(), p);
        }
    }

    /** The enabled live provider for a channel, or a 422 problem naming the channel. */
    public PaymentProvider forChannel(Channel channel) {
        return forChannel(channel, false);
    }

    /** The enabled provider for a channel in live or test mode, or a 422 problem naming the channel. */
    public PaymentProvider forChannel(Channel channel, boolean testMode) {
        PaymentProvider provider = byId.get(testMode ? channel.provider() + PaymentProvider.TEST_MODE_SUFFIX : channel.provider());
        if (provider == null || !provider.enabled()) {
            throw ApiException.unprocessable("CHANNEL_NOT_ENABLED", "channel not enabled" + (testMode ? " in test mode: " : ": ") + channel);
        }
        return provider;
    }

    /** The provider with this id, enabled or not (a notification to a disabled one is refused by the provider). */
    public Optional<PaymentProvider> anyById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<PaymentProvider> byId(String id) {
        return Optional.ofNullable(byId.get(id)).filter(PaymentProvider::enabled);
    }

    /** The enabled providers of real money (no test-mode twins), by id. */
    public List<String> enabledLiveIds() {
        return byId.values().stream().filter(PaymentProvider::enabled).map(PaymentProvider::id)
                .filter(id -> !id.endsWith(PaymentProvider.TEST_MODE_SUFFIX)).sorted().toList();
    }
}
