package com.paygate.sandbox.notify;

import com.paygate.sandbox.faults.FaultSettings;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.TradeStore.Transition;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** Decides what merchants hear about a trade change, with the notification fault knobs applied. */
@ApplicationScoped
public class NotificationService {

    private final Map<Provider, ProviderProtocol> protocols = new EnumMap<>(Provider.class);
    private final NotificationSender sender;
    private final Faults faults;
    private final Vertx vertx;

    public NotificationService(Instance<ProviderProtocol> protocols, NotificationSender sender, Faults faults, Vertx vertx) {
        this.vertx = vertx;
        protocols.forEach(p -> this.protocols.put(p.provider(), p));
        this.sender = sender;
        this.faults = faults;
    }

    public ProviderProtocol protocol(Provider provider) {
        ProviderProtocol protocol = protocols.get(provider);
        if (protocol == null) {
            throw new IllegalStateException("No protocol for " + provider);
        }
        return protocol;
    }

    public void tradePaid(Transition transition) {
        FaultSettings f = faults.current();
        if (f.dropNotifications()) {
            return;
        }
        // The knobs in force at the event decide, even when the notification goes out later.
        later(f, () -> sendPaid(transition, f));
    }

    private void sendPaid(Transition transition, FaultSettings f) {
        ProviderProtocol protocol = protocol(transition.after().provider());
        Notification notification = protocol.paid(transition.after(), f.wrongAmount() ? 1 : 0);
        Runnable afterFirst = f.outOfOrder()
                ? () -> {
                    Notification stale = protocol.stale(transition.before());
                    sender.sendOnce(stale, protocol, "stale", protocol.headers(stale));
                }
                : () -> { };
        Map<String, String> headers = protocol.headers(notification);
        sender.deliver(notification, protocol, headers, afterFirst);
        if (f.duplicateNotifications() > 0) {
            // Identical copies, as when a provider's retry races its first attempt: same body, same signature.
            for (int i = 0; i < f.duplicateNotifications(); i++) {
                sender.sendOnce(notification, protocol, "duplicate", headers);
            }
        }
    }

    /**
     * A refund settled: its notification goes out like a payment's, on the same retry schedule, with the
     * dropNotifications and duplicateNotifications knobs applied.
     */
    public void refundSettled(ProviderProtocol protocol, Notification notification) {
        FaultSettings f = faults.current();
        if (f.dropNotifications()) {
            return;
        }
        later(f, () -> {
            Map<String, String> headers = protocol.headers(notification);
            sender.deliver(notification, protocol, headers, () -> { });
            for (int i = 0; i < f.duplicateNotifications(); i++) {
                sender.sendOnce(notification, protocol, "duplicate", headers);
            }
        });
    }

    /** Now, or after notificationDelayMs (signed when sent, so the signature's timestamp is fresh). */
    private void later(FaultSettings f, Runnable send) {
        if (f.notificationDelayMs() > 0) {
            vertx.setTimer(f.notificationDelayMs(), id -> send.run());
        } else {
            send.run();
        }
    }
}
