package com.paygate.notifier.domain;

import java.util.Set;

/**
 * Where a notification stands. PENDING is the claimed first attempt (leased, so a crash mid-send is retried);
 * SENT, SKIPPED, FAILED and REJECTED are final.
 */
public enum NotificationState {
    /** Claimed, first attempt under way. */
    PENDING,
    /** Delivered to the channel. */
    SENT,
    /** Nothing to send to: no channel can reach this user (e.g. no openid). Not a failure. */
    SKIPPED,
    /** Failed transiently; next_attempt_at says when it is tried again. */
    RETRYING,
    /** Given up (attempts exhausted or a configuration/content error); dead-lettered. */
    FAILED,
    /** The recipient cannot receive it (refused the subscription, unknown openid): never retried, not dead-lettered. */
    REJECTED;

    /** States the sender may still move forward; a row in any other state is never sent again. */
    public static final Set<NotificationState> OPEN = Set.of(PENDING, RETRYING);
}
