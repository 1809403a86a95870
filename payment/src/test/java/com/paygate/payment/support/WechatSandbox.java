package com.paygate.payment.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.testing.SandboxResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The real provider sandbox process as WeChat Pay (every payment.wechat.* setting from it) plus the order API
 * contract ({@code GET /api/orders/{orderSn}}, owner only), for tests that must run end to end against the
 * sandbox's WeChat: prepay, payment, refunds and refund notifications with real signatures and AES-GCM.
 * Used through {@link Profile}, which turns the global FakeProviders off for these tests.
 */
public class WechatSandbox extends SandboxResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> ORDERS = new ConcurrentHashMap<>();
    private Vertx vertx;

    /** A profile of its own: this resource only (no FakeProviders), so payment.wechat.* is the sandbox's. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WechatSandbox.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            vertx = Vertx.vertx();
            Router router = Router.router(vertx);
            router.get("/api/orders/:orderSn").handler(WechatSandbox::order);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            config.put("quarkus.rest-client.order-api.url", "http://127.0.0.1:" + server.actualPort());
            // Not the fixed test port: other checkouts' test runs on this machine may hold it. The sandbox calls
            // back to this port, so the notify URLs follow it.
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            config.put("quarkus.http.test-port", Integer.toString(port));
            config.put("payment.wechat.notify-url", "http://127.0.0.1:" + port + "/notify/wechat/pay");
            config.put("payment.wechat.refund-notify-url", "http://127.0.0.1:" + port + "/notify/wechat/refund");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the order API double", e);
        }
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
        super.stop();
    }

    public static void seedOrder(String orderSn, String userId, long amountFen) {
        ORDERS.put(orderSn, JSON.createObjectNode().put("orderSn", orderSn).put("state", "WAIT_PAY").put("amountFen", amountFen)
                .put("title", "Ticket " + orderSn).put("userId", userId).put("expireAt", Instant.now().plusSeconds(1800).toString()));
    }

    private static void order(RoutingContext ctx) {
        ObjectNode order = ORDERS.get(ctx.pathParam("orderSn"));
        String auth = ctx.request().getHeader("Authorization");
        String sub = null;
        try {
            sub = JSON.readTree(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1])).path("sub").asText(null);
        } catch (Exception e) {
            // no or unreadable token: not the owner
        }
        if (order == null || sub == null || !sub.equals(order.path("userId").asText())) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"status\":404,\"title\":\"Not Found\",\"code\":\"ORDER_NOT_FOUND\"}");
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(order.toString());
    }

    // ---- driving the sandbox -----------------------------------------------------------------------------------

    /** The payer pays at WeChat: the sandbox marks the trade paid and notifies /notify/wechat/pay. */
    public static void pay(String outTradeNo) {
        given().contentType("application/json").body(Map.of("outTradeNo", outTradeNo, "outcome", "SUCCESS"))
                .post(url() + "/sandbox/pay").then().statusCode(200);
    }

    /** The refunds WeChat holds for a trade. */
    public static JsonPath refunds(String outTradeNo) {
        return given().get(url() + "/sandbox/transactions/" + outTradeNo + "/refunds").then().statusCode(200)
                .extract().jsonPath();
    }

    public static void faults(Map<String, Object> change) {
        given().contentType("application/json").body(change).post(url() + "/sandbox/faults").then().statusCode(200);
    }

    public static void resetFaults() {
        given().delete(url() + "/sandbox/faults").then().statusCode(200);
    }

    private static PrivateKey platformKey() {
        return Pem.readPrivateKey(Path.of("target", "sandbox-state", "wechat-platform-private.pem").toAbsolutePath());
    }

    /**
     * A refund notification exactly as WeChat sends it (the sandbox's platform key signs it, the API v3 key encrypts
     * the resource), or signed with {@code signingKey} instead to forge one.
     */
    public static Response postRefundNotification(String paySn, String refundSn, long refundFen, long totalFen,
            String status, PrivateKey signingKey) {
        String mchId = config("payment.wechat.mch-id");
        ObjectNode resource = JSON.createObjectNode().put("mchid", mchId).put("out_trade_no", paySn)
                .put("transaction_id", "4200000" + System.nanoTime()).put("out_refund_no", refundSn)
                .put("refund_id", "503" + System.nanoTime()).put("refund_status", status)
                .put("success_time", "2026-11-24T10:34:56+08:00").put("user_received_account", "支付用户零钱");
        resource.putObject("amount").put("total", totalFen).put("refund", refundFen).put("payer_total", totalFen)
                .put("payer_refund", refundFen);
        String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ObjectNode body = JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                .put("create_time", "2026-11-24T10:34:56+08:00").put("resource_type", "encrypt-resource")
                .put("event_type", "REFUND." + status).put("summary", "退款成功");
        body.putObject("resource").put("original_type", "refund").put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", new AesGcm(config("payment.wechat.api-v3-key")).encrypt("refund", nonce, resource.toString()))
                .put("associated_data", "refund").put("nonce", nonce);
        String text = body.toString();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String headerNonce = UUID.randomUUID().toString().replace("-", "");
        String signature = RsaSha256.sign(signingKey == null ? platformKey() : signingKey,
                WechatPaySignatures.responseMessage(timestamp, headerNonce, text));
        return given().contentType("application/json").header("Wechatpay-Timestamp", timestamp)
                .header("Wechatpay-Nonce", headerNonce).header("Wechatpay-Signature", signature)
                .header("Wechatpay-Serial", config("payment.wechat.platform-public-key-id"))
                .body(text).post("/notify/wechat/refund");
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
