package com.paygate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhooksTest {

    private static final String SECRET = "whsec_current";
    private static final long NOW = 1_700_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\","
            + "\"createdAt\":\"2023-11-14T22:13:20Z\",\"data\":{\"paySn\":\"P1\",\"amountFen\":990}}";

    @Test
    void acceptsItsOwnHeaderAndParsesTheEvent() {
        WebhookEvent event = Webhooks.verify(Webhooks.signatureHeader(BODY, SECRET, NOW), BODY, SECRET, TOLERANCE, CLOCK);

        assertEquals("evt_1", event.id());
        assertEquals("payment.succeeded", event.type());
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), event.createdAt());
        assertEquals("P1", event.data().get("paySn").asText());
        assertEquals(990, event.data().get("amountFen").asLong());
    }

    @Test
    void rejectsATamperedBody() {
        String header = Webhooks.signatureHeader(BODY, SECRET, NOW);
        String tampered = BODY.replace("990", "1");

        assertRejected("no Paygate-Signature v1 signature matches", header, tampered, SECRET);
    }

    @Test
    void rejectsAWrongSecret() {
        String header = Webhooks.signatureHeader(BODY, "whsec_other", NOW);

        assertRejected("no Paygate-Signature v1 signature matches", header, BODY, SECRET);
    }

    @Test
    void rejectsATimestampOutsideTheTolerance() {
        String old = Webhooks.signatureHeader(BODY, SECRET, NOW - TOLERANCE.toSeconds() - 1);
        String future = Webhooks.signatureHeader(BODY, SECRET, NOW + TOLERANCE.toSeconds() + 1);
        String edge = Webhooks.signatureHeader(BODY, SECRET, NOW - TOLERANCE.toSeconds());

        assertRejected("outside the 300s tolerance", old, BODY, SECRET);
        assertRejected("outside the 300s tolerance", future, BODY, SECRET);
        assertEquals("evt_1", Webhooks.verify(edge, BODY, SECRET, TOLERANCE, CLOCK).id());
    }

    @Test
    void acceptsAnyV1DuringASecretRotation() {
        String previous = Webhooks.signatureHeader(BODY, "whsec_previous", NOW);
        String current = Webhooks.signatureHeader(BODY, SECRET, NOW);
        String header = previous + "," + current.substring(current.indexOf("v1="));

        assertEquals("evt_1", Webhooks.verify(header, BODY, SECRET, TOLERANCE, CLOCK).id());
        assertEquals("evt_1", Webhooks.verify(header, BODY, "whsec_previous", TOLERANCE, CLOCK).id());
        assertRejected("no Paygate-Signature v1 signature matches", header, BODY, "whsec_unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1=abc", "t=x,v1=abc", "t=1700000000", "t=1700000000,v1", "t=1,t=2,v1=abc"})
    void rejectsMalformedHeaders(String header) {
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class,
                () -> Webhooks.verify(header, BODY, SECRET, TOLERANCE, CLOCK));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void rejectsAMissingHeader() {
        assertRejected("missing Paygate-Signature header", null, BODY, SECRET);
    }

    private static void assertRejected(String reason, String header, String body, String secret) {
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class,
                () -> Webhooks.verify(header, body, secret, TOLERANCE, CLOCK));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
