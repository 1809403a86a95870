package com.paygate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A call to the platform that did not succeed: a non-2xx answer, or no answer at all (status 0, code IO_ERROR).
 * {@link #code()} is the platform's stable machine code (see docs/error-codes.md); branch on it, not on the message.
 */
public class PaygateException extends RuntimeException {

    public static final String IO_ERROR = "IO_ERROR";

    private static final int MAX_DETAIL = 200;

    private final int status;
    private final String code;
    private final String detail;

    public PaygateException(int status, String code, String detail, Throwable cause) {
        super("HTTP " + status + (code == null ? "" : " " + code) + ": " + detail, cause);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    /**
     * The exception for a non-2xx answer. The body is read as a problem document ({@code status}, {@code code},
     * {@code title}, {@code detail}); anything else (a proxy's HTML page, say) becomes the detail, truncated.
     */
    static PaygateException fromResponse(int status, String body) {
        JsonNode problem = readObject(body);
        if (problem == null) {
            return new PaygateException(status, null, truncate(body), null);
        }
        String detail = text(problem, "detail");
        return new PaygateException(status, text(problem, "code"), detail != null ? detail : text(problem, "title"),
                null);
    }

    /** The exception for a request that got no HTTP answer. */
    static PaygateException ioError(Exception cause) {
        return new PaygateException(0, IO_ERROR, String.valueOf(cause.getMessage()), cause);
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** The platform's machine code, {@code IO_ERROR} when no answer arrived, null when the answer carried none. */
    public String code() {
        return code;
    }

    /** The human-readable explanation. */
    public String detail() {
        return detail;
    }

    private static JsonNode readObject(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String truncate(String body) {
        return body.length() <= MAX_DETAIL ? body : body.substring(0, MAX_DETAIL);
    }
}
