package com.paygate.payment.provider.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.payment.provider.ProviderException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Signed calls to Alipay's gateway: builds the common parameters, signs them (RSA2), and verifies the signature of
 * every answer it hands back. Failures become {@link ProviderException}s (unavailable = retry later).
 */
public class AlipayClient {

    private final AlipayMerchant merchant;
    private final ObjectMapper json;
    private final AlipayGatewayApi api;
    private final MeterRegistry metrics;

    public AlipayClient(AlipayMerchant merchant, ObjectMapper json, MeterRegistry metrics) {
        this.merchant = merchant;
        this.json = json;
        this.metrics = metrics;
        this.api = merchant.enabled() ? QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(merchant.gatewayUrl()))
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                // Error statuses are answers to read, not exceptions.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(AlipayGatewayApi.class) : null;
    }

    /** A verified business answer: the {@code *_response} node. {@code code} 10000 is success. */
    public record Answer(JsonNode node) {
        public boolean ok() {
            return "10000".equals(node.path("code").asText());
        }

        public String subCode() {
            return node.path("sub_code").asText("");
        }

        public String describe() {
            return node.path("code").asText("") + " " + subCode();
        }
    }

    /** The signed parameters of a call (also the query of a wap.pay URL). */
    public Map<String, String> signedParams(String method, String bizContent, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", merchant.appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", AlipayTrades.time(Instant.now()));
        params.put("version", "1.0");
        extra.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                params.put(k, v);
            }
        });
        params.put("biz_content", bizContent);
        params.put("sign", merchant.signRequest(params));
        return params;
    }

    public Uni<Answer> call(String method, String bizContent) {
        return call(method, bizContent, Map.of());
    }

    /** @param extra common parameters beyond the usual ones (notify_url) */
    public Uni<Answer> call(String method, String bizContent, Map<String, String> extra) {
        String form = form(signedParams(method, bizContent, extra));
        // Every method goes to one URL (gateway.do), so the HTTP client's timers cannot tell them apart: this can.
        Timer.Sample call = Timer.start(metrics);
        return api.call(form)
                .onFailure().transform(f -> ProviderException.unavailable("Alipay unreachable: " + f.getClass().getSimpleName(), f))
                .map(response -> read(response, method))
                .onItemOrFailure().invoke((answer, failure) -> call.stop(metrics.timer("payment.provider.calls",
                        "provider", merchant.providerId(), "operation", method, "outcome", failure == null ? "answered" : "failed")));
    }

    private Answer read(Response response, String method) {
        int status = response.getStatus();
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        if (status == 429 || status >= 500) {
            throw ProviderException.unavailable("Alipay " + method + " answered HTTP " + status);
        }
        if (status != 200) {
            throw ProviderException.unverifiable("Alipay " + method + " answered HTTP " + status);
        }
        String name = method.replace('.', '_') + "_response";
        String nodeText = AlipayResponses.rawObject(body, name);
        if (nodeText == null) {
            nodeText = AlipayResponses.rawObject(body, "error_response");
        }
        if (nodeText == null) {
            throw ProviderException.unverifiable("Alipay " + method + " answer has no " + name);
        }
        JsonNode node;
        String sign;
        try {
            node = json.readTree(nodeText);
            sign = json.readTree(body).path("sign").asText(null);
        } catch (java.io.IOException e) {
            throw ProviderException.unverifiable("Alipay " + method + " answer is not JSON", e);
        }
        Answer answer = new Answer(node);
        if ("20000".equals(node.path("code").asText())) {
            // isp.* "service currently unavailable": Alipay's own trouble, worth a retry.
            throw ProviderException.unavailable("Alipay " + method + " unavailable: " + answer.describe());
        }
        // Nothing is acted upon unless Alipay signed it; unsigned refusals (bad app id, bad signature) just fail.
        if (sign == null || !merchant.verifyResponse(nodeText, sign)) {
            throw ProviderException.unverifiable("Alipay " + method + " answer " + answer.describe() + " is not signed by Alipay");
        }
        return answer;
    }

    /** Decoded parameters of a url-encoded form; a repeated name is refused (a signature covers one value per name). */
    static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not url-encoded");
            }
            if (params.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("repeated parameter");
            }
        }
        return params;
    }

    static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return form.toString();
    }
}
