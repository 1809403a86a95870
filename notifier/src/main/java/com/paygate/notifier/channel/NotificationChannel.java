package com.paygate.notifier.channel;

import com.paygate.notifier.domain.Notification;
import io.smallrye.mutiny.Uni;

/**
 * One way of reaching a user (WeChat subscribe message today; SMS or e-mail can be added as further beans).
 * The service picks, per notification, the reachable channel with the lowest {@link #priority()}; nothing else
 * needs to change to add one.
 *
 * <p>{@link #deliver} should not fail its Uni for expected outcomes: it answers a {@link DeliveryResult} saying
 * sent, retry later or rejected. A failed Uni is treated as a transient error.
 */
public interface NotificationChannel {

    /** Stable id stored with each notification ("wechat"); at most 16 characters. */
    String id();

    /** Lower is preferred when several channels can reach a user. */
    int priority();

    /** Whether this channel has what it needs to reach the recipient (an openid, a phone number, ...). */
    boolean canReach(Notification notification);

    Uni<DeliveryResult> deliver(Notification notification);
}
