package com.paygate.payment.rest;

import jakarta.validation.constraints.Size;

/** What the operator found or did; optional. */
public record AcknowledgeRequest(@Size(max = 500) String note) {
}
