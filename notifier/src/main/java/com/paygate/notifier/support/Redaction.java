package com.paygate.notifier.support;

import java.util.regex.Pattern;

/**
 * Makes text safe to log or store: access tokens in URLs (access_token=...) and JSON bodies, and secrets passed
 * in query strings (secret=...), are masked. Exception messages from HTTP clients can carry the request URL, so
 * every error text goes through here before it is logged or persisted.
 */
public final class Redaction {

    private static final Pattern QUERY_SECRETS = Pattern.compile("(?i)(access_token|secret|appsecret)=[^&\\s\"']*");
    private static final Pattern JSON_SECRETS = Pattern.compile("(?i)\"(access_token|secret|appsecret)\"\\s*:\\s*\"[^\"]*\"");
    private static final int MAX = 480;

    private Redaction() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = QUERY_SECRETS.matcher(text).replaceAll("$1=***");
        masked = JSON_SECRETS.matcher(masked).replaceAll("\"$1\":\"***\"");
        return masked.length() <= MAX ? masked : masked.substring(0, MAX) + "...";
    }

    /** A short, masked description of a failure: type and message, no stack. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return mask(root.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
