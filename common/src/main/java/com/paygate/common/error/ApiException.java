package com.paygate.common.error;

/**
 * A failure the caller can act on: carries the HTTP status and a stable code; the detail is shown to the caller,
 * so it must never hold secrets or internals.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, detail);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(404, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(422, code, detail);
    }

    /** The provider clearly refused (a known business code): 502 PROVIDER_REJECTED. */
    public static ApiException providerRejected(String detail) {
        return new ApiException(502, "PROVIDER_REJECTED", detail);
    }

    /** The provider could not be reached or was busy: 503 PROVIDER_UNAVAILABLE, worth a retry. */
    public static ApiException providerUnavailable(String detail) {
        return new ApiException(503, "PROVIDER_UNAVAILABLE", detail);
    }

    /** The provider's answer could not be verified or read: 502 PROVIDER_UNVERIFIABLE, the outcome is unknown. */
    public static ApiException providerUnverifiable(String detail) {
        return new ApiException(502, "PROVIDER_UNVERIFIABLE", detail);
    }
}
