package com.paygate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Starts the packaged provider sandbox ({@code sandbox/target/quarkus-app/quarkus-run.jar}, built earlier in the
 * reactor) as its own process on a free port, and points the application under test at it with the credentials
 * the sandbox generated: the services talk to it over real HTTP with real signatures, as they would to the
 * providers. One sandbox per test JVM.
 *
 * <p>Use with {@code @QuarkusTestResource(SandboxResource.class)}; {@link #url()} is the sandbox's base URL for
 * driving it ({@code POST /sandbox/pay}, {@code GET /sandbox/messages}, {@code POST /sandbox/faults}).
 */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String url;
    private Process process;

    public static String url() {
        if (url == null) {
            throw new IllegalStateException("The sandbox is not started: annotate the test with @QuarkusTestResource(SandboxResource.class)");
        }
        return url;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path jar = locateJar();
            Path target = Path.of("target").toAbsolutePath();
            Path state = target.resolve("sandbox-state");
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(target.resolve("sandbox.log").toFile());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("SANDBOX_STATE_DIR", state.toString());
            // Provider retry intervals shrink so re-sent notifications arrive within a test's patience.
            builder.environment().put("SANDBOX_NOTIFY_RETRY_SCALE", System.getProperty("sandbox.notify-retry-scale", "0.001"));
            process = builder.start();
            url = "http://127.0.0.1:" + port;
            awaitReady(url + "/q/health/ready", Duration.ofSeconds(60));

            Map<String, String> config = new HashMap<>();
            Properties merchant = new Properties();
            try (Reader in = Files.newBufferedReader(state.resolve("merchant.properties"), StandardCharsets.UTF_8)) {
                merchant.load(in);
            }
            merchant.forEach((k, v) -> config.put((String) k, (String) v));
            config.put("payment.wechat.base-url", url);
            config.put("payment.alipay.gateway-url", url + "/gateway.do");
            config.put("notifier.wechat.base-url", url);
            config.put("sandbox.url", url);
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the sandbox", e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private void awaitReady(String health, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The sandbox exited during start; see target/sandbox.log");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(health)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The sandbox was not ready within " + timeout + "; see target/sandbox.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
