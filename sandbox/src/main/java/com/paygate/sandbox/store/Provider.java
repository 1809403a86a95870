package com.paygate.sandbox.store;

public enum Provider {
    WECHAT,
    ALIPAY
}
