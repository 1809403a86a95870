package com.paygate.sandbox.wechat;

/** A refusal in WeChat Pay's words: HTTP status plus {"code","message"}, answered signed like every response. */
public class WechatError extends RuntimeException {

    private final int status;
    private final String code;

    public WechatError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static WechatError param(String message) {
        return new WechatError(400, "PARAM_ERROR", message);
    }

    public static WechatError sign(String message) {
        return new WechatError(401, "SIGN_ERROR", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
