package com.paygate.e2e;

import com.paygate.testing.AppProcess;
import com.paygate.testing.RunConsumerGroup;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four packaged applications as separate processes, each on a port it chose itself ({@link AppProcess}),
 * configured by environment variables alone (as an operator would run them), against the test MariaDB and Kafka
 * that deploy/local/pay test started.
 */
final class Platform implements AutoCloseable {

    final Path root;
    final Path work;
    int sandboxPort;
    int orderPort;
    int paymentPort;
    int notifierPort;
    private final List<AppProcess> processes = new ArrayList<>();
    private final Map<String, AppProcess> running = new HashMap<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
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
    }

    String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The test broker the services use. */
    String kafka() {
        return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9094");
    }

    void start() throws Exception {
        Map<String, String> sandboxEnv = new HashMap<>();
        sandboxEnv.put("SANDBOX_STATE_DIR", work.resolve("sandbox-state").toString());
        sandboxEnv.put("SANDBOX_NOTIFY_RETRY_SCALE", "0.001");
        sandboxPort = launch("sandbox", sandboxEnv);

        Map<String, String> common = new HashMap<>(merchantEnv());
        common.put("DB_HOST", env("DB_HOST", "127.0.0.1"));
        common.put("DB_PORT", env("DB_PORT", "3308"));
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka());
        common.put("JWT_PUBLIC_KEY_LOCATION", root.resolve("deploy/local/dev-keys/jwt-public.pem").toString());
        common.put("JWT_ISSUER", "paygate-dev");

        Map<String, String> order = new HashMap<>(common);
        // The checkout page is served by payment, on a port not known yet: the browser calls order cross-origin,
        // from any local port (a Quarkus CORS origin between slashes is a regular expression).
        order.put("ORDER_CORS_ORIGINS", "/http://127[.]0[.]0[.]1:[0-9]+/");
        // Each service in a consumer group of this run's own, from the topics' end: the shared test broker keeps
        // other runs' records (and other modules' test records), which are not this platform's to apply.
        order.put("ORDER_CONSUMER_GROUP", RunConsumerGroup.atTopicEnd(kafka(), "payment-events", "order-service-e2e"));
        orderPort = launch("order", order);

        Map<String, String> payment = new HashMap<>(common);
        // Payment's own URLs name the port it listens on, known once it does: quarkus.http.port is that port then.
        String self = "http://127.0.0.1:${quarkus.http.port}";
        payment.put("ORDER_SERVICE_URL", url(orderPort));
        payment.put("PAYMENT_WECHAT_BASE_URL", url(sandboxPort));
        payment.put("PAYMENT_WECHAT_NOTIFY_URL", self + "/notify/wechat/pay");
        payment.put("PAYMENT_WECHAT_REFUND_NOTIFY_URL", self + "/notify/wechat/refund");
        payment.put("PAYMENT_ALIPAY_GATEWAY_URL", url(sandboxPort) + "/gateway.do");
        payment.put("PAYMENT_ALIPAY_NOTIFY_URL", self + "/notify/alipay");
        payment.put("PAYMENT_TEST_MODE_WECHAT_BASE_URL", url(sandboxPort));
        payment.put("PAYMENT_TEST_MODE_WECHAT_NOTIFY_URL", self + "/notify/wechat-test/pay");
        payment.put("PAYMENT_TEST_MODE_WECHAT_REFUND_NOTIFY_URL", self + "/notify/wechat-test/refund");
        payment.put("PAYMENT_TEST_MODE_ALIPAY_GATEWAY_URL", url(sandboxPort) + "/gateway.do");
        payment.put("PAYMENT_TEST_MODE_ALIPAY_NOTIFY_URL", self + "/notify/alipay-test");
        payment.put("PAYMENT_ACTIVE_QUERY_AFTER", "2s");
        // pay reconcile waits for the job to take the runs it queued.
        payment.put("PAYMENT_RECONCILIATION_POLL_EVERY", "2s");
        payment.put("PAYMENT_CHECKOUT_ORDER_API_URL", url(orderPort));
        // The key the apps' signing secrets are sealed under: a fresh one per run (base64 of 32 random bytes).
        byte[] appsKey = new byte[32];
        new java.security.SecureRandom().nextBytes(appsKey);
        payment.put("PAYMENT_APPS_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(appsKey));
        payment.put("PAYMENT_CONSUMER_GROUP", RunConsumerGroup.atTopicEnd(kafka(), "order-events", "payment-service-e2e"));
        paymentPort = launch("payment", payment);

        Map<String, String> notifier = new HashMap<>(common);
        notifier.put("NOTIFIER_WECHAT_BASE_URL", url(sandboxPort));
        notifier.put("NOTIFIER_CONSUMER_GROUP", RunConsumerGroup.atTopicEnd(kafka(), "order-events", "notifier-service-e2e"));
        notifierPort = launch("notifier", notifier);
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

    /**
     * Our services' logs so far hold none of the merchant's secrets (API v3 key, private keys, app secret), no
     * bearer or access token, and no provider notification body. Every end-to-end class checks this after its tests, so the last one covers the run.
     * The sandbox's own log is left out: it plays the provider, which knows these.
     */
    void assertLogsHoldNoSecrets() throws IOException {
        Properties merchant = new Properties();
        try (Reader in = Files.newBufferedReader(work.resolve("sandbox-state/merchant.properties"), StandardCharsets.UTF_8)) {
            merchant.load(in);
        }
        Map<String, String> secrets = new HashMap<>();
        secrets.put("WeChat API v3 key", merchant.getProperty("payment.wechat.api-v3-key"));
        secrets.put("WeChat app secret", merchant.getProperty("notifier.wechat.app-secret"));
        for (String keyFile : List.of("payment.wechat.merchant-private-key", "payment.alipay.private-key")) {
            // A stretch from the middle of the key's base64: any printing of the key, whole or in part, shows it.
            String pem = Files.readString(Path.of(merchant.getProperty(keyFile)), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            secrets.put(keyFile, pem.substring(pem.length() / 2, pem.length() / 2 + 24));
        }
        // Tokens, apps' signing secrets (pgs_...), and notification bodies: a WeChat resource decrypted or not, an Alipay
        // notification form.
        Pattern tokens = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}|access_token=[A-Za-z0-9_-]{12,}"
                + "|\"trade_state\"|\"ciphertext\"|notify_id=|buyer_logon_id=|pgs_[A-Za-z0-9_-]{20,}");
        List<String> found = new ArrayList<>();
        for (String app : List.of("order", "payment", "notifier", "payment-restarted", "payment-sasl")) {
            if (!Files.exists(work.resolve(app + ".log"))) {
                continue;
            }
            String log = Files.readString(work.resolve(app + ".log"), StandardCharsets.UTF_8);
            secrets.forEach((what, value) -> {
                if (value != null && value.length() >= 16 && log.contains(value)) {
                    found.add(app + ".log holds the " + what);
                }
            });
            Matcher token = tokens.matcher(log);
            if (token.find()) {
                found.add(app + ".log holds a token or a notification body: "
                        + token.group().substring(0, Math.min(16, token.group().length())) + "...");
            }
        }
        if (!found.isEmpty()) {
            throw new AssertionError("secrets in the services' logs: " + found);
        }
    }

    private static final Pattern TRACE_ID = Pattern.compile("traceId=([0-9a-f]{32}) ");

    /** The trace id of the first line of {@code app}'s log holding every one of {@code texts}; null if none yet. */
    String traceOf(String app, String... texts) throws IOException {
        for (String log : List.of(app + ".log", app + "-restarted.log")) {
            if (!Files.exists(work.resolve(log))) {
                continue;
            }
            for (String line : Files.readAllLines(work.resolve(log), StandardCharsets.UTF_8)) {
                if (Arrays.stream(texts).allMatch(line::contains)) {
                    Matcher id = TRACE_ID.matcher(line);
                    return id.find() ? id.group(1) : "";
                }
            }
        }
        return null;
    }

    private int launch(String app, Map<String, String> env) {
        AppProcess process = AppProcess.start(app, root.resolve(app + "/target/quarkus-app/quarkus-run.jar"), work,
                work.resolve(app + ".log"), env, Duration.ofSeconds(90));
        processes.add(process);
        running.put(app, process);
        environments.put(app, env);
        return process.port();
    }

    /**
     * A second instance of {@code app} beside the platform's, with the same environment but for {@code overrides},
     * logging to {@code <name>.log}; stopped with the platform (or by closing it).
     */
    synchronized AppProcess launchVariant(String name, String app, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(environments.get(app));
        env.putAll(overrides);
        AppProcess process = AppProcess.start(name, root.resolve(app + "/target/quarkus-app/quarkus-run.jar"), work,
                work.resolve(name + ".log"), env, Duration.ofSeconds(90));
        processes.add(process);
        return process;
    }

    /**
     * Stops {@code app} as Kubernetes does (SIGTERM, then waits for it to exit) and starts it again on the same port,
     * logging to {@code <app>-restarted.log}.
     */
    synchronized void restart(String app) {
        restart(app, false);
    }

    /** As {@link #restart(String)}, but killed (SIGKILL) when {@code kill}: nothing drains, nothing is said goodbye to. */
    synchronized void restart(String app, boolean kill) {
        AppProcess old = running.get(app);
        if (kill) {
            old.kill();
        } else {
            old.close();
        }
        processes.remove(old);
        Map<String, String> env = new HashMap<>(environments.get(app));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(old.port()));
        AppProcess again = AppProcess.start(app, root.resolve(app + "/target/quarkus-app/quarkus-run.jar"), work,
                work.resolve(app + "-restarted.log"), env, Duration.ofSeconds(90));
        processes.add(again);
        running.put(app, again);
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
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
}
