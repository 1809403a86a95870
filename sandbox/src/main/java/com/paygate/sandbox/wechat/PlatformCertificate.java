package com.paygate.sandbox.wechat;

import com.paygate.common.crypto.Pem;
import com.paygate.sandbox.keys.SandboxIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The platform certificates for merchants still on certificate mode: self-signed X.509 certificates whose serial
 * is what {@code Wechatpay-Serial} names, so a merchant that downloads them through {@code GET /v3/certificates}
 * finds the key. The current one is of the identity's platform key (serial platform-serial-no); the next one, used
 * after a rotation, has a key and serial of its own, as WeChat's yearly rotation does. Built once per start.
 */
@ApplicationScoped
public class PlatformCertificate {

    /** One issued certificate and the private key that signs under its serial. */
    public record Issued(String serialHex, OffsetDateTime effective, OffsetDateTime expires, String pem, PrivateKey signingKey) {
    }

    private final Issued current;
    private final Issued next;

    public PlatformCertificate(SandboxIdentity identity) {
        OffsetDateTime effective = OffsetDateTime.now(WechatTransactionView.CHINA).truncatedTo(ChronoUnit.SECONDS).minusDays(1);
        String serial = identity.id("wechat.platform-serial-no");
        this.current = issue(identity, serial, new KeyPair(identity.wechatPlatformPublicKey(), identity.wechatPlatformPrivateKey()),
                effective, effective.plusYears(5));
        // Another serial of the same length: the last hex digit moved on by one.
        String nextSerial = serial.substring(0, serial.length() - 1)
                + Integer.toHexString((Character.digit(serial.charAt(serial.length() - 1), 16) + 1) % 16).toUpperCase();
        this.next = issue(identity, nextSerial, freshKeyPair(), effective, effective.plusYears(5));
    }

    /** The certificate that signs now. */
    public Issued signing(boolean rotated) {
        return rotated ? next : current;
    }

    /** What {@code GET /v3/certificates} lists: during a rotation the old and the new one. */
    public List<Issued> listed(boolean rotated) {
        return rotated ? List.of(current, next) : List.of(current);
    }

    private static Issued issue(SandboxIdentity identity, String serialHex, KeyPair pair, OffsetDateTime from, OffsetDateTime to) {
        try {
            X500Name issuer = new X500Name("CN=Tenpay.com Root CA,O=paygate sandbox,C=CN");
            X500Name subject = new X500Name("CN=Tenpay.com sign,OU=" + identity.id("wechat.mch-id") + ",O=paygate sandbox,C=CN");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(serialHex, 16),
                    Date.from(from.toInstant()), Date.from(to.toInstant()), subject, pair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new Issued(serialHex, from, to, Pem.encode("CERTIFICATE", certificate.getEncoded()), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot build the sandbox platform certificate", e);
        }
    }

    private static KeyPair freshKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the rotated platform key", e);
        }
    }
}
