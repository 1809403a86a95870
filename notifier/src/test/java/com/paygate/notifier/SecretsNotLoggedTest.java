package com.paygate.notifier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.testing.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives token fetches, a stale-token refresh, a retry and a rejection while capturing every log record of the
 * application, then checks that neither the app secret nor any access token the sandbox issued was logged.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class SecretsNotLoggedTest {

    private final ConcurrentLinkedQueue<String> captured = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter plain = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " ");
            line.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : plain.formatMessage(record));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(" | ").append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            captured.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void install() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void remove() {
        Logger.getLogger("").removeHandler(capture);
        given().delete(NotifierFlowTest.sandbox() + "/sandbox/wxmsg/faults").then().statusCode(200);
    }

    @Test
    void appSecretAndAccessTokensNeverAppearInLogs() {
        String sandbox = NotifierFlowTest.sandbox();
        // A stale token forces a refresh; one system error forces a logged retry; a refused openid a logged rejection.
        NotifierFlowTest.Order retried = NotifierFlowTest.Order.random("o-");
        NotifierFlowTest.Order refused = NotifierFlowTest.Order.random("refused-");
        given().contentType(ContentType.JSON).body(Map.of("expireTokensNow", true)).post(sandbox + "/sandbox/wxmsg/faults")
                .then().statusCode(200);
        NotifierFlowTest.failSendsTo(retried, 1);
        NotifierFlowTest.publishEvent(retried.event(UUID.randomUUID().toString(), 4200L, "2026-11-24T08:00:00Z"));
        NotifierFlowTest.publishEvent(refused.event(UUID.randomUUID().toString(), 4200L, "2026-11-24T08:00:00Z"));
        NotifierFlowTest.awaitState(retried, "SENT");
        NotifierFlowTest.awaitState(refused, "REJECTED");

        String logs = String.join("\n", captured);
        // The capture works: it saw the lines about these orders, including the token fetch.
        assertTrue(logs.contains("Fetched a WeChat access token"), "token fetch not captured");
        assertTrue(logs.contains("Order " + retried.orderSn() + ": notification"), "send lines not captured");
        assertTrue(logs.contains("Order " + refused.orderSn() + ": notification"), "rejection not captured");

        String secret = ConfigProvider.getConfig().getValue("notifier.wechat.app-secret", String.class);
        assertFalse(logs.contains(secret), "the app secret was logged");
        List<String> tokens = NotifierFlowTest.stats().getList("issuedTokens");
        assertFalse(tokens.isEmpty());
        for (String token : tokens) {
            assertFalse(logs.contains(token), "an access token was logged");
        }
    }
}
