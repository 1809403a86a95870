package com.paygate.notifier.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksTokensAndSecretsInUrlsAndBodies() {
        String url = "POST https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=ABC.def-123&x=1 failed";
        assertEquals("POST https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=***&x=1 failed",
                Redaction.mask(url));
        String body = "{\"appid\":\"wx1\",\"secret\":\"s3cr3t\",\"access_token\": \"tok\"}";
        String masked = Redaction.mask(body);
        assertFalse(masked.contains("s3cr3t"));
        assertFalse(masked.contains("tok\""));
        assertEquals("GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=***",
                Redaction.mask("GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=abc"));
    }

    @Test
    void describesTheRootCauseMasked() {
        var error = new RuntimeException("outer", new IllegalStateException("GET /x?access_token=zzz timed out"));
        assertEquals("IllegalStateException: GET /x?access_token=*** timed out", Redaction.describe(error));
    }
}
