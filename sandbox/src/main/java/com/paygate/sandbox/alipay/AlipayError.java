package com.paygate.sandbox.alipay;

/** A refusal in Alipay's words (code, msg, sub_code, sub_msg); Alipay answers it with HTTP 200. */
public class AlipayError extends RuntimeException {

    private final String code;
    private final String msg;
    private final String subCode;

    public AlipayError(String code, String msg, String subCode, String subMsg) {
        super(subMsg, null, false, false);
        this.code = code;
        this.msg = msg;
        this.subCode = subCode;
    }

    public static AlipayError missing(String subCode, String subMsg) {
        return new AlipayError("40001", "Missing Required Arguments", subCode, subMsg);
    }

    public static AlipayError invalid(String subCode, String subMsg) {
        return new AlipayError("40002", "Invalid Arguments", subCode, subMsg);
    }

    public static AlipayError business(String subCode, String subMsg) {
        return new AlipayError("40004", "Business Failed", subCode, subMsg);
    }

    public String code() {
        return code;
    }

    public String msg() {
        return msg;
    }

    public String subCode() {
        return subCode;
    }
}
