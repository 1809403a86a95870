package com.paygate.payment.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An app's webhook endpoint in the test: records every delivery (signature header and body) and answers a settable status. */
public final class WebhookReceiver implements AutoCloseable {

    /** One delivery as received. */
    public record Received(String signature, String eventIdHeader, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = answer.get();
            received.add(new Received(exchange.getRequestHeaders().getFirst("Paygate-Signature"),
                    exchange.getRequestHeaders().getFirst("Paygate-Event-Id"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** What the endpoint answers from now on (e.g. 503 while "down"). */
    public void answer(int status) {
        answer.set(status);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Deliveries it accepted (answered 2xx). */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
