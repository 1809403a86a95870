package com.paygate.payment.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.internal.util.AlipaySignature;
import com.paygate.common.crypto.AlipaySignContent;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.payment.domain.PaymentState;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alipay's text rules (sign content, amounts, times, signed answer extraction), checked against alipay-sdk-java. */
class AlipayWireFormatTest {

    private static Map<String, String> sample() {
        Map<String, String> params = new HashMap<>();
        params.put("app_id", "2021000000000001");
        params.put("method", "alipay.trade.query");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", "2026-11-24 10:00:00");
        params.put("version", "1.0");
        params.put("return_url", "");
        params.put("biz_content", "{\"out_trade_no\":\"P1\",\"subject\":\"中文 & =\"}");
        params.put("sign", "ignored");
        return params;
    }

    @Test
    void signContentIsTheSdks() {
        assertEquals(AlipaySignature.getSignCheckContentV2(new HashMap<>(sample())),
                AlipaySignContent.of(sample(), AlipaySignContent.REQUEST_EXCLUDED));
        assertEquals(AlipaySignature.getSignCheckContentV1(new HashMap<>(sample())),
                AlipaySignContent.of(sample(), AlipaySignContent.NOTIFY_EXCLUDED));
    }

    @Test
    void ourRequestSignatureVerifiesWithTheSdkAndTheSdksWithOurs() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Map<String, String> params = sample();
        params.put("sign", RsaSha256.sign(keys.getPrivate(), AlipaySignContent.of(params, AlipaySignContent.REQUEST_EXCLUDED)));
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(params), Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                "utf-8", "RSA2"));
        String theirs = AlipaySignature.rsaSign(AlipaySignature.getSignCheckContentV1(new HashMap<>(params)),
                Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()), "utf-8", "RSA2");
        assertTrue(RsaSha256.verify(keys.getPublic(), AlipaySignContent.of(params, AlipaySignContent.NOTIFY_EXCLUDED), theirs));
    }

    @Test
    void amountsAreWholeFen() {
        assertEquals("0.01", AlipayTrades.yuan(1));
        assertEquals("25.00", AlipayTrades.yuan(2500));
        assertEquals("1234567.89", AlipayTrades.yuan(123456789));
        assertEquals(2500, AlipayTrades.fen("25.00"));
        assertEquals(2500, AlipayTrades.fen("25"));
        assertEquals(1, AlipayTrades.fen("0.01"));
        assertThrows(IllegalArgumentException.class, () -> AlipayTrades.fen("0.001"));
        assertThrows(IllegalArgumentException.class, () -> AlipayTrades.fen("abc"));
        assertThrows(IllegalArgumentException.class, () -> AlipayTrades.fen(""));
        assertThrows(IllegalArgumentException.class, () -> AlipayTrades.fen(null));
    }

    @Test
    void timesAreBeijingWallClock() {
        assertEquals("2026-11-24 10:34:56", AlipayTrades.time(Instant.parse("2026-11-24T02:34:56Z")));
        assertEquals(Instant.parse("2026-11-24T02:34:56Z"), AlipayTrades.parseTime("2026-11-24 10:34:56"));
        assertNull(AlipayTrades.parseTime("yesterday"));
    }

    @Test
    void tradeStatuses() {
        assertEquals(PaymentState.NOTPAY, AlipayTrades.state("WAIT_BUYER_PAY"));
        assertEquals(PaymentState.SUCCESS, AlipayTrades.state("TRADE_SUCCESS"));
        assertEquals(PaymentState.SUCCESS, AlipayTrades.state("TRADE_FINISHED"));
        assertEquals(PaymentState.CLOSED, AlipayTrades.state("TRADE_CLOSED"));
        assertThrows(IllegalArgumentException.class, () -> AlipayTrades.state("TRADE_PENDING"));
    }

    @Test
    void theSignedNodeIsCutOutVerbatim() {
        String node = "{\"code\":\"10000\",\"msg\":\"Success\",\"subject\":\"a \\\"}\\\" b {\",\"x\":[1,{\"y\":2}]}";
        String body = "{\"alipay_trade_query_response\":" + node + ",\"sign\":\"abc\"}";
        assertEquals(node, AlipayResponses.rawObject(body, "alipay_trade_query_response"));
        String signFirst = "{ \"sign\" : \"abc\" , \"alipay_cert_sn\":\"1\", \"alipay_trade_query_response\" : " + node + " }";
        assertEquals(node, AlipayResponses.rawObject(signFirst, "alipay_trade_query_response"));
        assertNull(AlipayResponses.rawObject(body, "alipay_trade_close_response"));
        assertNull(AlipayResponses.rawObject("<html>", "alipay_trade_query_response"));
        assertNull(AlipayResponses.rawObject("{\"alipay_trade_query_response\":{\"code\":", "alipay_trade_query_response"));
    }
}
