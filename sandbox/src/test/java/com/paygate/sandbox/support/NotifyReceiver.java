package com.paygate.sandbox.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A merchant's notify endpoint for tests, on a free port. The path decides the answer:
 * {@code /ack/..} 200 "success", {@code /flaky/N/..} 500 for the first N requests then 200 "success",
 * {@code /never/..} always 500.
 */
public final class NotifyReceiver {

    public record Received(String path, MultiMap headers, String body) {
    }

    private final Map<String, List<Received>> byPath = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final HttpServer server;

    public NotifyReceiver(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            byPath.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>())
                    .add(new Received(path, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString()));
            int n = counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            int status = 200;
            if (path.startsWith("/never/")) {
                status = 500;
            } else if (path.startsWith("/flaky/")) {
                int failures = Integer.parseInt(path.split("/")[2]);
                status = n <= failures ? 500 : 200;
            }
            request.response().setStatusCode(status).end(status == 200 ? "success" : "{\"code\":\"FAIL\",\"message\":\"busy\"}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public List<Received> received(String path) {
        return List.copyOf(byPath.getOrDefault(path, List.of()));
    }

    public void close() {
        server.close();
    }

    /**
     * Fails if {@code path} receives anything beyond the {@code expected} requests it has, watching for
     * {@code window}. Callers pick a window longer than the sandbox's own next timers: at the tests' retry scale
     * (0.001) WeChat's schedule resends after 15, 15, 30, 180 and 600 ms, so one second covers the next several
     * attempts of any delivery still running, and any first attempt (sent at once) many times over.
     */
    public void assertNothingMore(String path, int expected, java.time.Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            int got = received(path).size();
            if (got > expected) {
                throw new AssertionError(path + " received " + got + " requests, expected " + expected);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static void await(BooleanSupplier condition, long timeoutMs, String what) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
