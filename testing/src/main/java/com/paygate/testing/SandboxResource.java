package com.paygate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Starts the packaged provider sandbox ({@code sandbox/target/quarkus-app/quarkus-run.jar}, built earlier in the
 * reactor) as its own process on a port of its own choosing ({@link AppProcess}), and points the application under
 * test at it with the credentials the sandbox generated: the services talk to it over real HTTP with real
 * signatures, as they would to the providers. One sandbox per test JVM.
 *
 * <p>Use with {@code @QuarkusTestResource(SandboxResource.class)}; {@link #url()} is the sandbox's base URL for
 * driving it ({@code POST /sandbox/pay}, {@code GET /sandbox/messages}, {@code POST /sandbox/faults}).
 */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String url;
    private AppProcess sandbox;

    public static String url() {
        if (url == null) {
            throw new IllegalStateException("The sandbox is not started: annotate the test with @QuarkusTestResource(SandboxResource.class)");
        }
        return url;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Path state = target.resolve("sandbox-state");
            // Provider retry intervals shrink so re-sent notifications arrive within a test's patience.
            sandbox = AppProcess.start("sandbox", locateJar(), target, target.resolve("sandbox.log"), Map.of(
                    "SANDBOX_STATE_DIR", state.toString(),
                    "SANDBOX_NOTIFY_RETRY_SCALE", System.getProperty("sandbox.notify-retry-scale", "0.001")),
                    Duration.ofSeconds(60));
            url = sandbox.url();

            Map<String, String> config = new HashMap<>();
            Properties merchant = new Properties();
            try (Reader in = Files.newBufferedReader(state.resolve("merchant.properties"), StandardCharsets.UTF_8)) {
                merchant.load(in);
            }
            merchant.forEach((k, v) -> config.put((String) k, (String) v));
            config.put("payment.wechat.base-url", url);
            config.put("payment.alipay.gateway-url", url + "/gateway.do");
            config.put("payment.test-mode.wechat.base-url", url);
            config.put("payment.test-mode.alipay.gateway-url", url + "/gateway.do");
            config.put("notifier.wechat.base-url", url);
            config.put("sandbox.url", url);
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the sandbox", e);
        }
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        url = null;
    }

    private static Path locateJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("sandbox/target/quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("sandbox/target/quarkus-app/quarkus-run.jar not found: build from the repository root"
                + " (mvn verify builds the sandbox before the services) or run mvn package -pl sandbox first");
    }
}
