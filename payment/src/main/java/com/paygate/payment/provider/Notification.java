package com.paygate.payment.provider;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's notification as it arrived, before anything is believed: which of the provider's endpoints it came
 * to ({@code /notify/{provider}/{endpoint}}, "" for {@code /notify/{provider}}), its headers and its raw body (the
 * bytes a signature covers, so never re-serialized).
 */
public record Notification(String endpoint, Map<String, List<String>> headers, String body) {

    public Notification {
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = byName;
        body = body == null ? "" : body;
    }

    /** The header's value, null when absent; a header named twice is refused (which one would a signature cover?). */
    public String header(String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new NotificationRejected("repeated_header", 400, name + " named more than once");
        }
        return values.get(0);
    }
}
