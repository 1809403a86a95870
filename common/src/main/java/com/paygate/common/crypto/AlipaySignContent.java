package com.paygate.common.crypto;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Alipay's content to sign: parameters sorted by name, {@code key=value} joined with {@code &}, empty values and
 * the excluded names left out. A merchant request excludes only {@code sign}; a notification also {@code sign_type}.
 */
public final class AlipaySignContent {

    public static final Set<String> REQUEST_EXCLUDED = Set.of("sign");
    public static final Set<String> NOTIFY_EXCLUDED = Set.of("sign", "sign_type");

    private AlipaySignContent() {
    }

    public static String of(Map<String, String> params, Set<String> excluded) {
        StringBuilder content = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (excluded.contains(e.getKey()) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (content.length() > 0) {
                content.append('&');
            }
            content.append(e.getKey()).append('=').append(e.getValue());
        }
        return content.toString();
    }
}
