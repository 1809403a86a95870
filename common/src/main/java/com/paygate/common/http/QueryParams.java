package com.paygate.common.http;

import com.paygate.common.error.ApiException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Query parameters read by hand rather than bound as int or enum: a bad value must answer
 * 400 INVALID_QUERY_PARAMETER naming the parameter, not a 404 from the framework's binding.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code value} as a whole number within [min, max]; {@code absent} when missing or blank. */
    public static int intIn(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, "must be a whole number from " + min + " to " + max);
    }

    /** {@code value} as one of {@code type}'s constants, any case; null when missing or blank. */
    public static <E extends Enum<E>> E enumOf(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static ApiException invalid(String name, String message) {
        return ApiException.badRequest("INVALID_QUERY_PARAMETER", name + ": " + message);
    }
}
