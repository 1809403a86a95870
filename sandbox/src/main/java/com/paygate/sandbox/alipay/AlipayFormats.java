package com.paygate.sandbox.alipay;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Alipay's text formats: yuan amounts with two decimals, Beijing local times, url-encoded forms. */
final class AlipayFormats {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlipayFormats() {
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2).toPlainString();
    }

    /** Fen for an amount like "88.88"; null when it is not a valid Alipay amount (0.01 .. 100000000, 2 decimals). */
    static Long fen(String yuan) {
        try {
            BigDecimal amount = new BigDecimal(yuan.trim());
            if (amount.scale() > 2 || amount.compareTo(new BigDecimal("0.01")) < 0
                    || amount.compareTo(new BigDecimal("100000000")) > 0) {
                return null;
            }
            return amount.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static String time(OffsetDateTime time) {
        return time.atZoneSameInstant(BEIJING).format(TIME);
    }

    static OffsetDateTime parseTime(String text) {
        try {
            return LocalDateTime.parse(text, TIME).atZone(BEIJING).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Map<String, String> parseForm(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return into;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.putIfAbsent(key, value);
        }
        return into;
    }

    static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    static Map<String, String> newParams() {
        return new LinkedHashMap<>();
    }
}
