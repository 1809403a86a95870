package com.paygate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final String SECRET = "s3cr3t";

    @Test
    void signsTheDocumentedMessage() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                "POST\n/api/apps/payments?x=1\n1700000000\nabc\n{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals(expected,
                RequestSigner.signature(SECRET, "POST", "/api/apps/payments?x=1", 1700000000L, "abc", "{\"a\":1}"));
    }

    @Test
    void everyPartIsCovered() {
        String base = RequestSigner.signature(SECRET, "POST", "/api/apps/payments?x=1", 1700000000L, "abc", "{\"a\":1}");
        List<String> changed = List.of(
                RequestSigner.signature(SECRET, "GET", "/api/apps/payments?x=1", 1700000000L, "abc", "{\"a\":1}"),
                RequestSigner.signature(SECRET, "POST", "/api/apps/payments?x=2", 1700000000L, "abc", "{\"a\":1}"),
                RequestSigner.signature(SECRET, "POST", "/api/apps/payments?x=1", 1700000001L, "abc", "{\"a\":1}"),
                RequestSigner.signature(SECRET, "POST", "/api/apps/payments?x=1", 1700000000L, "abd", "{\"a\":1}"),
                RequestSigner.signature(SECRET, "POST", "/api/apps/payments?x=1", 1700000000L, "abc", "{\"a\":2}"),
                RequestSigner.signature("other", "POST", "/api/apps/payments?x=1", 1700000000L, "abc", "{\"a\":1}"));
        changed.forEach(signature -> assertNotEquals(base, signature));
    }

    @Test
    void headersCarryAFreshNonceAndTheClocksSeconds() {
        Clock clock = Clock.fixed(Instant.parse("2023-11-14T22:13:20.750Z"), ZoneOffset.UTC);
        RequestSigner signer = new RequestSigner("app_1", SECRET, clock);

        Map<String, String> first = signer.headers("GET", "/api/apps/payments/P1", "");
        Map<String, String> second = signer.headers("GET", "/api/apps/payments/P1", "");

        assertEquals("app_1", first.get(RequestSigner.APP_ID));
        assertEquals("1700000000", first.get(RequestSigner.TIMESTAMP));
        assertTrue(first.get(RequestSigner.NONCE).matches("[0-9a-f]{32}"), first.get(RequestSigner.NONCE));
        assertTrue(second.get(RequestSigner.NONCE).matches("[0-9a-f]{32}"), second.get(RequestSigner.NONCE));
        assertNotEquals(first.get(RequestSigner.NONCE), second.get(RequestSigner.NONCE));
        assertEquals(RequestSigner.signature(SECRET, "GET", "/api/apps/payments/P1", 1700000000L,
                first.get(RequestSigner.NONCE), ""), first.get(RequestSigner.SIGNATURE));
    }
}
