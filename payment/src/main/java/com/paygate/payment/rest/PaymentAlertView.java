package com.paygate.payment.rest;

import com.paygate.payment.domain.PaymentAlert;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A payment alert as operators see it. */
@RegisterForReflection
public record PaymentAlertView(long id, String paySn, String kind, String subject, String detail, String state,
        int occurrences, Instant createdAt, Instant lastSeenAt, Instant acknowledgedAt, String acknowledgedBy, String note) {

    static PaymentAlertView of(PaymentAlert a) {
        return new PaymentAlertView(a.id, a.paySn, a.kind, a.subject, a.detail, a.state.name(), a.occurrences, a.createdAt,
                a.lastSeenAt, a.acknowledgedAt, a.acknowledgedBy, a.note);
    }
}
