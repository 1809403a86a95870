package com.paygate.payment.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Reconcile dates again (or for the first time): {@code from}..{@code to} (YYYY-MM-DD), some providers or all. */
@RegisterForReflection
public record ReconRequest(String from, String to, List<String> providers) {
}
