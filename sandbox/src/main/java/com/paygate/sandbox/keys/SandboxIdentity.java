package com.paygate.sandbox.keys;

import com.paygate.common.crypto.Pem;
import com.paygate.sandbox.config.SandboxConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The sandbox's own keys (the WeChat Pay platform key, Alipay's key) and the merchant credentials it hands to the
 * services, generated at first start under {@code sandbox.state-dir} and reused afterwards.
 *
 * <p>It writes {@code merchant.properties} (config keys) and {@code merchant.env} (the same as environment
 * variables) so the local platform and the tests configure the services exactly as an operator would configure
 * them for the real providers: key files by path, ids and the API v3 key by value. Dev and tests only.
 */
@Startup
@ApplicationScoped
public class SandboxIdentity {

    private static final Logger LOG = Logger.getLogger(SandboxIdentity.class);

    private final Path dir;
    private final Properties ids = new Properties();
    private PrivateKey wechatPlatformPrivate;
    private PublicKey wechatPlatformPublic;
    private PublicKey wechatMerchantPublic;
    private PrivateKey alipayPrivate;
    private PublicKey alipayPublic;
    private PublicKey alipayMerchantPublic;

    public SandboxIdentity(SandboxConfig config) {
        this.dir = config.stateDir().toAbsolutePath();
        load();
    }

    private void load() {
        try {
            Files.createDirectories(dir);
            Path idFile = dir.resolve("identity.properties");
            if (!Files.exists(idFile)) {
                generate();
            }
            try (var in = Files.newBufferedReader(idFile, StandardCharsets.UTF_8)) {
                ids.load(in);
            }
            wechatPlatformPrivate = Pem.readPrivateKey(dir.resolve("wechat-platform-private.pem"));
            wechatPlatformPublic = Pem.readPublicKey(dir.resolve("wechat-platform-public.pem"));
            wechatMerchantPublic = Pem.readPublicKey(dir.resolve("wechat-merchant-public.pem"));
            alipayPrivate = Pem.readPrivateKey(dir.resolve("alipay-platform-private.pem"));
            alipayPublic = Pem.readPublicKey(dir.resolve("alipay-platform-public.pem"));
            alipayMerchantPublic = Pem.readPublicKey(dir.resolve("alipay-merchant-public.pem"));
            writeMerchantConfig();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare sandbox state in " + dir, e);
        }
    }

    private void generate() throws IOException {
        LOG.infof("Generating sandbox keys and merchant credentials under %s", dir);
        SecureRandom random = new SecureRandom();
        writeKeyPair("wechat-platform", rsa());
        writeKeyPair("wechat-merchant", rsa());
        writeKeyPair("alipay-platform", rsa());
        writeKeyPair("alipay-merchant", rsa());
        Properties generated = new Properties();
        generated.setProperty("wechat.mch-id", "1900" + (100000 + random.nextInt(900000)));
        generated.setProperty("wechat.app-id", "wx" + HexFormat.of().formatHex(bytes(random, 8)));
        generated.setProperty("wechat.merchant-serial-no", HexFormat.of().withUpperCase().formatHex(bytes(random, 20)));
        generated.setProperty("wechat.platform-public-key-id", "PUB_KEY_ID_01" + (1000000000L + random.nextInt(1_000_000_000)));
        // A leading zero nibble would vanish from the certificate's serial (BigInteger), so SDKs would not find it.
        byte[] serial = bytes(random, 20);
        serial[0] |= 0x10;
        generated.setProperty("wechat.platform-serial-no", HexFormat.of().withUpperCase().formatHex(serial));
        generated.setProperty("wechat.api-v3-key", HexFormat.of().formatHex(bytes(random, 16)));
        generated.setProperty("alipay.app-id", "2021" + (100000000000L + (long) (random.nextDouble() * 800000000000L)));
        generated.setProperty("alipay.seller-id", "2088" + (100000000000L + (long) (random.nextDouble() * 800000000000L)));
        generated.setProperty("miniprogram.app-id", "wx" + HexFormat.of().formatHex(bytes(random, 8)));
        generated.setProperty("miniprogram.app-secret", HexFormat.of().formatHex(bytes(random, 16)));
        try (var out = Files.newBufferedWriter(dir.resolve("identity.properties"), StandardCharsets.UTF_8)) {
            generated.store(out, "sandbox identity: DEV ONLY");
        }
    }

    private void writeMerchantConfig() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("payment.wechat.app-id", id("wechat.app-id"));
        config.put("payment.wechat.apps.miniprogram.app-id", id("miniprogram.app-id"));
        config.put("payment.wechat.mch-id", id("wechat.mch-id"));
        config.put("payment.wechat.merchant-serial-no", id("wechat.merchant-serial-no"));
        config.put("payment.wechat.merchant-private-key", dir.resolve("wechat-merchant-private.pem").toString());
        config.put("payment.wechat.api-v3-key", id("wechat.api-v3-key"));
        config.put("payment.wechat.platform-public-key", dir.resolve("wechat-platform-public.pem").toString());
        config.put("payment.wechat.platform-public-key-id", id("wechat.platform-public-key-id"));
        config.put("payment.alipay.app-id", id("alipay.app-id"));
        config.put("payment.alipay.seller-id", id("alipay.seller-id"));
        config.put("payment.alipay.private-key", dir.resolve("alipay-merchant-private.pem").toString());
        config.put("payment.alipay.alipay-public-key", dir.resolve("alipay-platform-public.pem").toString());
        // Test mode (apps created in it pay through the sandbox only): the same sandbox merchant under its own keys.
        for (String key : List.copyOf(config.keySet())) {
            config.put(key.replace("payment.", "payment.test-mode."), config.get(key));
        }
        config.put("notifier.wechat.app-id", id("miniprogram.app-id"));
        config.put("notifier.wechat.app-secret", id("miniprogram.app-secret"));
        // The sandbox mini-program's subscribe-message templates, and its developer version (not a released one).
        config.put("notifier.wechat.template-id.order-paid", "sandbox-order-paid");
        config.put("notifier.wechat.template-id.order-refunded", "sandbox-order-refunded");
        config.put("notifier.wechat.template-id.order-refund-failed", "sandbox-order-refund-failed");
        config.put("notifier.wechat.miniprogram-state", "developer");
        StringBuilder properties = new StringBuilder("# Written by the sandbox: DEV ONLY credentials for the services.\n");
        StringBuilder env = new StringBuilder();
        config.forEach((key, value) -> {
            properties.append(key).append('=').append(value).append('\n');
            env.append(key.toUpperCase().replace('.', '_').replace('-', '_')).append('=').append(value).append('\n');
        });
        Files.writeString(dir.resolve("merchant.properties"), properties.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("merchant.env"), env.toString(), StandardCharsets.UTF_8);
    }

    public String id(String name) {
        String value = ids.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("Sandbox identity has no " + name + "; delete " + dir + " to regenerate");
        }
        return value;
    }

    public Path stateDir() {
        return dir;
    }

    public PrivateKey wechatPlatformPrivateKey() {
        return wechatPlatformPrivate;
    }

    public PublicKey wechatPlatformPublicKey() {
        return wechatPlatformPublic;
    }

    public PublicKey wechatMerchantPublicKey() {
        return wechatMerchantPublic;
    }

    public PrivateKey alipayPrivateKey() {
        return alipayPrivate;
    }

    public PublicKey alipayPublicKey() {
        return alipayPublic;
    }

    public PublicKey alipayMerchantPublicKey() {
        return alipayMerchantPublic;
    }

    private void writeKeyPair(String name, KeyPair pair) throws IOException {
        Files.writeString(dir.resolve(name + "-private.pem"), Pem.encode(pair.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(name + "-public.pem"), Pem.encode(pair.getPublic()), StandardCharsets.US_ASCII);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
