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
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends genuine WeChat Pay v3 TRANSACTION.SUCCESS notifications (signed with the sandbox's platform key, resource
 * AES-256-GCM encrypted with the API v3 key) to /notify/wechat/pay. All are built before the first is sent, so the
 * load generator spends no RSA while sending. JDK only: run as a single-file program.
 *
 *   java bench/CallbackLoad.java PAYMENT_URL SANDBOX_STATE_DIR PAYS_FILE CONCURRENCY RATE DUPLICATES
 *
 * PAYS_FILE: "paySn amountFen" per line. RATE 0 = as fast as CONCURRENCY allows, else an open-loop offered rate per
 * second. DUPLICATES: the first that many payments get their notification 5 times at once (after the main run).
 * Prints one line of figures; applied/s is read from the database by bench/run.
 */
public class CallbackLoad {

    record Prebuilt(String body, String timestamp, String nonce, String signature) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/notify/wechat/pay";
        Path state = Path.of(args[1]);
        List<String[]> pays = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+")).toList();
        int concurrency = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        int duplicates = Integer.parseInt(args[5]);

        Properties merchant = new Properties();
        try (var in = Files.newBufferedReader(state.resolve("merchant.properties"), StandardCharsets.UTF_8)) {
            merchant.load(in);
        }
        String mchId = merchant.getProperty("payment.wechat.mch-id");
        String appId = merchant.getProperty("payment.wechat.app-id");
        String apiV3Key = merchant.getProperty("payment.wechat.api-v3-key");
        String serial = merchant.getProperty("payment.wechat.platform-public-key-id");
        PrivateKey key = privateKey(state.resolve("wechat-platform-private.pem"));

        List<Prebuilt> requests = new ArrayList<>();
        for (String[] p : pays) {
            requests.add(build(p[0], Long.parseLong(p[1]), mchId, appId, apiV3Key, key));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    long sent = System.nanoTime();
                    int status = send(http, url, requests.get(i), serial);
                    latencies.add(System.nanoTime() - sent);
                    (status == 204 || status == 200 ? ok : failed).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;

        // The same notification 5 times at once, as WeChat's retries and duplicates can deliver it.
        int dupOk = 0;
        for (int d = 0; d < Math.min(duplicates, requests.size()); d++) {
            Prebuilt again = requests.get(d);
            ExecutorService burst = Executors.newFixedThreadPool(5);
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                answers.add(burst.submit(() -> send(http, url, again, serial)));
            }
            boolean all = true;
            for (var a : answers) {
                int s = a.get();
                all &= s == 204 || s == 200;
            }
            dupOk += all ? 1 : 0;
            burst.shutdown();
        }

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("sent=%d ok=%d failed=%d seconds=%.2f sent_per_s=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f duplicate_bursts_all_accepted=%d/%d%n",
                requests.size(), ok.get(), failed.get(), seconds, requests.size() / seconds, pct(sorted, 0.50), pct(sorted, 0.99),
                pct(sorted, 1.0), dupOk, Math.min(duplicates, requests.size()));
    }

    private static int send(HttpClient http, String url, Prebuilt p, String serial) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Wechatpay-Timestamp", p.timestamp()).header("Wechatpay-Nonce", p.nonce())
                    .header("Wechatpay-Signature", p.signature()).header("Wechatpay-Serial", serial)
                    .POST(HttpRequest.BodyPublishers.ofString(p.body())).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Prebuilt build(String paySn, long fen, String mchId, String appId, String apiV3Key, PrivateKey key) throws Exception {
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
        return new Prebuilt(body, ts, headerNonce, Base64.getEncoder().encodeToString(rsa.sign()));
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
