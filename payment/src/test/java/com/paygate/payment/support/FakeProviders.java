package com.paygate.payment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test doubles on one local port, started once per test JVM:
 * <ul>
 * <li>the order API contract ({@code GET /api/orders/{orderSn}}, 404 unless the bearer token's sub owns it);</li>
 * <li>a strict WeChat Pay v3 double: it rejects requests whose Authorization does not verify with the merchant
 * public key, and signs every answer with its platform key, as WeChat does.</li>
 * </ul>
 * Until the shared sandbox's WeChat endpoints are merged this keeps the adapter honest over real HTTP and RSA.
 */
public class FakeProviders implements QuarkusTestResourceLifecycleManager {

    public static final String MCH_ID = "1900009191";
    public static final String APP_ID = "wxd678efh567hg6787";
    public static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000091912025112400000000000001";
    public static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    /** An order number whose lookup drops the connection: the order service "is down". */
    public static final String ORDER_SERVICE_DOWN = "DOWN";

    private static KeyPair merchant;
    private static KeyPair platform;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> ORDERS = new ConcurrentHashMap<>();
    /** out_trade_no -> the transaction as WeChat would answer a query. */
    private static final Map<String, ObjectNode> TRADES = new ConcurrentHashMap<>();
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static volatile int failNextPrepays;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        try {
            merchant = rsa();
            platform = rsa();
            Path dir = Path.of("target", "test-wechat").toAbsolutePath();
            Files.createDirectories(dir);
            Path merchantKey = dir.resolve("merchant-private.pem");
            Path platformKey = dir.resolve("platform-public.pem");
            Files.writeString(merchantKey, Pem.encode(merchant.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(platformKey, Pem.encode(platform.getPublic()), StandardCharsets.US_ASCII);

            vertx = Vertx.vertx();
            Router router = Router.router(vertx);
            router.route().handler(BodyHandler.create());
            router.get("/api/orders/:orderSn").handler(FakeProviders::order);
            router.post("/v3/pay/transactions/:kind").handler(FakeProviders::prepay);
            router.get("/v3/pay/transactions/out-trade-no/:sn").handler(FakeProviders::query);
            router.post("/v3/pay/transactions/out-trade-no/:sn/close").handler(FakeProviders::close);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            String url = "http://127.0.0.1:" + server.actualPort();
            return Map.of(
                    "quarkus.rest-client.order-api.url", url,
                    "payment.wechat.base-url", url,
                    "payment.wechat.app-id", APP_ID,
                    "payment.wechat.mch-id", MCH_ID,
                    "payment.wechat.merchant-serial-no", MERCHANT_SERIAL,
                    "payment.wechat.merchant-private-key", merchantKey.toString(),
                    "payment.wechat.api-v3-key", API_V3_KEY,
                    "payment.wechat.platform-public-key", platformKey.toString(),
                    "payment.wechat.platform-public-key-id", PUBLIC_KEY_ID);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test doubles", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    // ---- used by tests ---------------------------------------------------------------------------------------

    public static KeyPair merchantKeys() {
        return merchant;
    }

    public static KeyPair platformKeys() {
        return platform;
    }

    public static void seedOrder(String orderSn, String userId, long amountFen, String state) {
        ObjectNode order = JSON.createObjectNode().put("orderSn", orderSn).put("state", state).put("amountFen", amountFen)
                .put("title", "Ticket " + orderSn).put("userId", userId)
                .put("expireAt", Instant.now().plusSeconds(1800).toString());
        ORDERS.put(orderSn, order);
    }

    /** The payer paid at WeChat (what a later query answers); no notification is sent. */
    public static void payAtProvider(String paySn, long totalFen) {
        ObjectNode trade = TRADES.get(paySn);
        trade.put("trade_state", "SUCCESS").put("trade_state_desc", "支付成功")
                .put("transaction_id", "4200" + Math.abs(paySn.hashCode()))
                .put("success_time", "2026-11-24T10:00:00+08:00");
        ((ObjectNode) trade.get("amount")).put("total", totalFen).put("payer_total", totalFen);
    }

    public static JsonNode trade(String paySn) {
        return TRADES.get(paySn);
    }

    /** Requests received by the WeChat double, as "METHOD path body". */
    public static List<String> calls() {
        return CALLS;
    }

    public static void failNextPrepays(int n) {
        failNextPrepays = n;
    }

    // ---- order API -------------------------------------------------------------------------------------------

    private static void order(RoutingContext ctx) {
        String orderSn = ctx.pathParam("orderSn");
        if (ORDER_SERVICE_DOWN.equals(orderSn)) {
            ctx.request().connection().close();
            return;
        }
        ObjectNode order = ORDERS.get(orderSn);
        String sub = subject(ctx.request().getHeader("Authorization"));
        if (order == null || sub == null || !sub.equals(order.path("userId").asText())) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"status\":404,\"title\":\"Not Found\",\"code\":\"ORDER_NOT_FOUND\"}");
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(order.toString());
    }

    private static String subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("sub").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    // ---- WeChat Pay v3 ---------------------------------------------------------------------------------------

    private static final Pattern AUTH = Pattern.compile(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"(.*)\",nonce_str=\"(.*)\",signature=\"(.*)\",timestamp=\"(\\d+)\",serial_no=\"(.*)\"");

    private static boolean authorized(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String body = ctx.body().asString() == null ? "" : ctx.body().asString();
        CALLS.add(req.method() + " " + req.uri() + " " + body);
        Matcher m = AUTH.matcher(String.valueOf(req.getHeader("Authorization")));
        boolean ok = m.matches() && MCH_ID.equals(m.group(1)) && MERCHANT_SERIAL.equals(m.group(5))
                && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(m.group(4))) < 300
                && RsaSha256.verify(merchant.getPublic(),
                        WechatPaySignatures.requestMessage(req.method().name(), req.uri(), Long.parseLong(m.group(4)), m.group(2), body),
                        m.group(3));
        if (!ok) {
            signed(ctx.response().setStatusCode(401), "{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}");
        }
        return ok;
    }

    private static void prepay(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        if (failNextPrepays > 0) {
            failNextPrepays--;
            signed(ctx.response().setStatusCode(500), "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}");
            return;
        }
        JsonNode body = readTree(ctx.body().asString());
        String kind = ctx.pathParam("kind");
        String sn = body.path("out_trade_no").asText();
        ObjectNode trade = JSON.createObjectNode().put("appid", body.path("appid").asText()).put("mchid", MCH_ID)
                .put("out_trade_no", sn).put("trade_state", "NOTPAY").put("trade_state_desc", "未支付");
        trade.putObject("amount").put("total", body.path("amount").path("total").asLong()).put("currency", "CNY");
        TRADES.putIfAbsent(sn, trade);
        String id = "wx" + UUID.randomUUID().toString().replace("-", "");
        String answer = switch (kind) {
            case "jsapi" -> "{\"prepay_id\":\"" + id + "\"}";
            case "h5" -> "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + id + "\"}";
            default -> "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=" + id.substring(0, 10) + "\"}";
        };
        signed(ctx.response().setStatusCode(200), answer);
    }

    private static void query(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        ObjectNode trade = TRADES.get(ctx.pathParam("sn"));
        if (trade == null) {
            signed(ctx.response().setStatusCode(404), "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");
            return;
        }
        signed(ctx.response().setStatusCode(200), trade.toString());
    }

    private static void close(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        ObjectNode trade = TRADES.get(ctx.pathParam("sn"));
        if (trade != null) {
            trade.put("trade_state", "CLOSED");
        }
        signed(ctx.response().setStatusCode(204), "");
    }

    /** Signs as WeChat does: Wechatpay-Timestamp, -Nonce, -Signature over timestamp\nnonce\nbody\n, -Serial. */
    private static void signed(HttpServerResponse response, String body) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        response.putHeader("Wechatpay-Timestamp", ts).putHeader("Wechatpay-Nonce", nonce)
                .putHeader("Wechatpay-Serial", PUBLIC_KEY_ID)
                .putHeader("Wechatpay-Signature", RsaSha256.sign(platform.getPrivate(), WechatPaySignatures.responseMessage(ts, nonce, body)));
        if (!body.isEmpty()) {
            response.putHeader("Content-Type", "application/json");
        }
        response.end(body);
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
