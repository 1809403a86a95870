import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Genuine WeChat Pay v3 TRANSACTION.SUCCESS notifications (signed with the sandbox's platform key, resource AES-256-GCM
 * encrypted with the API v3 key), built before anything is sent so that no RSA runs while sending. JDK only: run as a
 * single-file program. The load itself is sent by wrk (bench/callbacks.lua), which costs the box far less CPU than a
 * JVM HTTP client would: on two cores a heavy load generator would be measured as the service's slowness.
 *
 *   java bench/CallbackLoad.java build SANDBOX_STATE_DIR PAYS_FILE OUT_FILE
 *       PAYS_FILE: "paySn amountFen" per line; OUT_FILE: one request per line, tab-separated
 *       (Wechatpay-Timestamp, -Nonce, -Signature, -Serial, body), for bench/callbacks.lua.
 *   java bench/CallbackLoad.java bursts PAYMENT_URL REQUESTS_FILE COUNT
 *       the first COUNT notifications 5 times at once each, as WeChat's retries and duplicates can deliver them;
 *       prints how many bursts were all accepted (each is applied once: bench/run checks that in the database).
 */
public class CallbackLoad {

    record Prebuilt(String body, String timestamp, String nonce, String signature, String serial) {

        String line() {
            return String.join("\t", timestamp, nonce, signature, serial, body);
        }

        static Prebuilt parse(String line) {
            String[] f = line.split("\t", 5);
            return new Prebuilt(f[4], f[0], f[1], f[2], f[3]);
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build" -> build(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "bursts" -> bursts(args[1] + "/notify/wechat/pay", Path.of(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("build | bursts");
        }
    }

    private static void build(Path state, Path paysFile, Path out) throws Exception {
        List<String[]> pays = Files.readAllLines(paysFile).stream().filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+")).toList();
        Properties merchant = new Properties();
        try (var in = Files.newBufferedReader(state.resolve("merchant.properties"), StandardCharsets.UTF_8)) {
            merchant.load(in);
        }
        String mchId = merchant.getProperty("payment.wechat.mch-id");
        String appId = merchant.getProperty("payment.wechat.app-id");
        String apiV3Key = merchant.getProperty("payment.wechat.api-v3-key");
        String serial = merchant.getProperty("payment.wechat.platform-public-key-id");
        PrivateKey key = privateKey(state.resolve("wechat-platform-private.pem"));
        List<String> lines = new ArrayList<>();
        for (String[] p : pays) {
            lines.add(build(p[0], Long.parseLong(p[1]), mchId, appId, apiV3Key, key, serial).line());
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private static void bursts(String url, Path requests, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<String> lines = Files.readAllLines(requests, StandardCharsets.UTF_8);
        int dupOk = 0;
        int n = Math.min(count, lines.size());
        ExecutorService burst = Executors.newFixedThreadPool(5);
        for (int d = 0; d < n; d++) {
            Prebuilt again = Prebuilt.parse(lines.get(d));
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                answers.add(burst.submit(() -> send(http, url, again)));
            }
            boolean all = true;
            for (var a : answers) {
                int s = a.get();
                all &= s == 204 || s == 200;
            }
            dupOk += all ? 1 : 0;
        }
        burst.shutdown();
        System.out.printf("duplicate_bursts_all_accepted=%d/%d%n", dupOk, n);
    }

    private static int send(HttpClient http, String url, Prebuilt p) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Wechatpay-Timestamp", p.timestamp()).header("Wechatpay-Nonce", p.nonce())
                    .header("Wechatpay-Signature", p.signature()).header("Wechatpay-Serial", p.serial())
                    .POST(HttpRequest.BodyPublishers.ofString(p.body())).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Prebuilt build(String paySn, long fen, String mchId, String appId, String apiV3Key, PrivateKey key,
            String serial) throws Exception {
        String tx = "{\"appid\":\"" + appId + "\",\"mchid\":\"" + mchId + "\",\"out_trade_no\":\"" + paySn
                + "\",\"transaction_id\":\"42000" + Math.abs(UUID.randomUUID().getMostSignificantBits()) % 100000000000000L
                + "\",\"trade_type\":\"NATIVE\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"CMC\","
                + "\"attach\":\"\",\"success_time\":\"2026-11-24T10:34:56+08:00\",\"payer\":{\"openid\":\"o-bench\"},"
                + "\"amount\":{\"total\":" + fen + ",\"payer_total\":" + fen + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
        String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        gcm.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        String ciphertext = Base64.getEncoder().encodeToString(gcm.doFinal(tx.getBytes(StandardCharsets.UTF_8)));
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"create_time\":\"2026-11-24T10:34:57+08:00\",\"resource_type\":\"encrypt-resource\","
                + "\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"transaction\","
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ciphertext + "\",\"associated_data\":\"transaction\",\"nonce\":\"" + nonce + "\"}}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        String headerNonce = UUID.randomUUID().toString().replace("-", "");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((ts + "\n" + headerNonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        return new Prebuilt(body, ts, headerNonce, Base64.getEncoder().encodeToString(rsa.sign()), serial);
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    }
}
