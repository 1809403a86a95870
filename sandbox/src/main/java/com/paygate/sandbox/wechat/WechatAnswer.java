package com.paygate.sandbox.wechat;

/** A WeChat API answer before signing; {@code body} is the exact text sent ("" for 204). */
public record WechatAnswer(int status, String body) {
}
