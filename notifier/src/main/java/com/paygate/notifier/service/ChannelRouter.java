package com.paygate.notifier.service;

import com.paygate.notifier.channel.NotificationChannel;
import com.paygate.notifier.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds channels among the NotificationChannel beans: adding a channel is adding a bean, nothing here changes. */
@ApplicationScoped
public class ChannelRouter {

    private final List<NotificationChannel> channels;

    public ChannelRouter(Instance<NotificationChannel> channels) {
        this.channels = channels.stream().sorted(Comparator.comparingInt(NotificationChannel::priority)).toList();
    }

    /** The preferred channel that can reach this notification's recipient; empty when none can (SKIPPED). */
    public Optional<NotificationChannel> pick(Notification notification) {
        return channels.stream().filter(c -> c.canReach(notification)).findFirst();
    }

    public Optional<NotificationChannel> byId(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
