package com.paygate.payment.provider;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SandboxOnlyTest {

    @Test
    void testModeRefusesTheRealProvidersHostsAndTakesASandbox() {
        for (String real : new String[] {"https://api.mch.weixin.qq.com", "https://API2.MCH.WEIXIN.QQ.COM/v3",
                "https://openapi.alipay.com/gateway.do", "https://alipay.com/gateway.do", "https://api2.wechatpay.cn",
                "https://api.mch.weixin.qq.com./v3"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SandboxOnly.check("key", real), real);
            assertTrue(e.getMessage().contains("sandbox only"), e.getMessage());
        }
        SandboxOnly.check("key", "http://sandbox.paygate.svc:8090");
        SandboxOnly.check("key", "https://openapi-sandbox.dl.alipaydev.com/gateway.do");
        SandboxOnly.check("key", "http://127.0.0.1:8090/gateway.do");
        SandboxOnly.check("key", "https://notweixin.qq.com.example");
    }
}
