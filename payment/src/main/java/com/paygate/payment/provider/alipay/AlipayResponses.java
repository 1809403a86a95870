package com.paygate.payment.provider.alipay;

/**
 * Cuts the raw text of one top-level member out of an Alipay answer. Alipay signs the exact characters of the
 * {@code *_response} object, so it must be verified as received, not re-serialized.
 */
final class AlipayResponses {

    private AlipayResponses() {
    }

    /** The text of the object value of top-level member {@code name}, or null if there is none. */
    static String rawObject(String body, String name) {
        if (body == null) {
            return null;
        }
        int i = skipSpace(body, 0);
        if (i >= body.length() || body.charAt(i) != '{') {
            return null;
        }
        i++;
        while (true) {
            i = skipSpace(body, i);
            if (i >= body.length() || body.charAt(i) != '"') {
                return null;
            }
            int keyEnd = endOfString(body, i);
            if (keyEnd < 0) {
                return null;
            }
            String key = body.substring(i + 1, keyEnd - 1);
            i = skipSpace(body, keyEnd);
            if (i >= body.length() || body.charAt(i) != ':') {
                return null;
            }
            int valueStart = skipSpace(body, i + 1);
            int valueEnd = endOfValue(body, valueStart);
            if (valueEnd < 0) {
                return null;
            }
            if (key.equals(name)) {
                return body.charAt(valueStart) == '{' ? body.substring(valueStart, valueEnd) : null;
            }
            i = skipSpace(body, valueEnd);
            if (i >= body.length() || body.charAt(i) != ',') {
                return null;
            }
            i++;
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index after the closing quote of the string starting at {@code i}, or -1. */
    private static int endOfString(String s, int i) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /** Index after the value starting at {@code i} (object, array, string or scalar), or -1. */
    private static int endOfValue(String s, int i) {
        if (i >= s.length()) {
            return -1;
        }
        char first = s.charAt(i);
        if (first == '"') {
            return endOfString(s, i);
        }
        if (first != '{' && first != '[') {
            int j = i;
            while (j < s.length() && ",}] \t\r\n".indexOf(s.charAt(j)) < 0) {
                j++;
            }
            return j;
        }
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
                j = endOfString(s, j);
                if (j < 0) {
                    return -1;
                }
                j--;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }
}
