package com.paygate.e2e;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The four packaged applications as separate processes on free ports, configured by environment variables alone
 * (as an operator would run them), against the test MariaDB and Kafka that deploy/local/pay test started.
 */
final class Platform implements AutoCloseable {

    final Path root;
    final Path work;
    final int sandboxPort;
    final int orderPort;
    final int paymentPort;
    final int notifierPort;
    private final List<Process> processes = new ArrayList<>();
    private static Platform shared;

    /** One platform for every end-to-end class in this JVM, stopped when the JVM exits. */
    static synchronized Platform shared() throws Exception {
        if (shared == null) {
            Platform platform = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
            platform.start();
            shared = platform;
        }
        return shared;
    }

    Platform() throws IOException {
        this.root = repositoryRoot();
        this.work = Path.of("target", "e2e").toAbsolutePath();
        Files.createDirectories(work);
        this.sandboxPort = freePort();
        this.orderPort = freePort();
        this.paymentPort = freePort();
        this.notifierPort = freePort();
    }

    String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    void start() throws Exception {
        Map<String, String> sandboxEnv = new HashMap<>();
        sandboxEnv.put("SANDBOX_STATE_DIR", work.resolve("sandbox-state").toString());
        sandboxEnv.put("SANDBOX_NOTIFY_RETRY_SCALE", "0.001");
        launch("sandbox", sandboxPort, sandboxEnv);

        Map<String, String> common = new HashMap<>(merchantEnv());
        common.put("DB_HOST", env("DB_HOST", "127.0.0.1"));
        common.put("DB_PORT", env("DB_PORT", "3308"));
        common.put("KAFKA_BOOTSTRAP_SERVERS", env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9094"));
        common.put("JWT_PUBLIC_KEY_LOCATION", root.resolve("deploy/local/dev-keys/jwt-public.pem").toString());
        common.put("JWT_ISSUER", "paygate-dev");

        Map<String, String> order = new HashMap<>(common);
        // The checkout page is served by payment on another port here: the browser calls order cross-origin.
        order.put("ORDER_CORS_ORIGINS", url(paymentPort));
        launch("order", orderPort, order);

        Map<String, String> payment = new HashMap<>(common);
        payment.put("ORDER_SERVICE_URL", url(orderPort));
        payment.put("PAYMENT_WECHAT_BASE_URL", url(sandboxPort));
        payment.put("PAYMENT_WECHAT_NOTIFY_URL", url(paymentPort) + "/notify/wechat/pay");
        payment.put("PAYMENT_WECHAT_REFUND_NOTIFY_URL", url(paymentPort) + "/notify/wechat/refund");
        payment.put("PAYMENT_ALIPAY_GATEWAY_URL", url(sandboxPort) + "/gateway.do");
        payment.put("PAYMENT_ALIPAY_NOTIFY_URL", url(paymentPort) + "/notify/alipay");
        payment.put("PAYMENT_ACTIVE_QUERY_AFTER", "2s");
        payment.put("PAYMENT_CHECKOUT_ORDER_API_URL", url(orderPort));
        launch("payment", paymentPort, payment);

        Map<String, String> notifier = new HashMap<>(common);
        notifier.put("NOTIFIER_WECHAT_BASE_URL", url(sandboxPort));
        launch("notifier", notifierPort, notifier);
    }

    private Map<String, String> merchantEnv() throws IOException {
        Properties merchant = new Properties();
        try (Reader in = Files.newBufferedReader(work.resolve("sandbox-state/merchant.properties"), StandardCharsets.UTF_8)) {
            merchant.load(in);
        }
        Map<String, String> env = new HashMap<>();
        merchant.forEach((k, v) -> env.put(((String) k).toUpperCase().replace('.', '_').replace('-', '_'), (String) v));
        return env;
    }

    private void launch(String app, int port, Map<String, String> env) throws Exception {
        Path jar = root.resolve(app + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the whole build (mvn verify) from the repository root");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(app + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        processes.add(process);
        awaitReady(app, process, url(port) + "/q/health/ready");
    }

    private void awaitReady(String app, Process process, String health) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(app + " exited during start; see " + work.resolve(app + ".log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(app + " was not ready within 90 s; see " + work.resolve(app + ".log"));
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("deploy/local/pay"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
