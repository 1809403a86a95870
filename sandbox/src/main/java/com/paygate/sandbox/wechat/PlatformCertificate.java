package com.paygate.sandbox.wechat;

import com.paygate.common.crypto.Pem;
import com.paygate.sandbox.keys.SandboxIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The platform certificate for merchants still on certificate mode: a self-signed X.509 certificate of the
 * platform key whose serial is the identity's platform-serial-no, so a merchant that downloads it through
 * {@code GET /v3/certificates} finds the key named by {@code Wechatpay-Serial}. Built once per start.
 */
@ApplicationScoped
public class PlatformCertificate {

    private final String serialHex;
    private final OffsetDateTime effective;
    private final OffsetDateTime expires;
    private final String pem;

    public PlatformCertificate(SandboxIdentity identity) {
        this.serialHex = identity.id("wechat.platform-serial-no");
        this.effective = OffsetDateTime.now(WechatTransactionView.CHINA).truncatedTo(ChronoUnit.SECONDS).minusDays(1);
        this.expires = effective.plusYears(5);
        this.pem = Pem.encode("CERTIFICATE", build(identity, serialHex, effective, expires));
    }

    private static byte[] build(SandboxIdentity identity, String serialHex, OffsetDateTime from, OffsetDateTime to) {
        try {
            KeyPair pair = new KeyPair(identity.wechatPlatformPublicKey(), identity.wechatPlatformPrivateKey());
            X500Name issuer = new X500Name("CN=Tenpay.com Root CA,O=paygate sandbox,C=CN");
            X500Name subject = new X500Name("CN=Tenpay.com sign,OU=" + identity.id("wechat.mch-id") + ",O=paygate sandbox,C=CN");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(serialHex, 16),
                    Date.from(from.toInstant()), Date.from(to.toInstant()), subject, pair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return certificate.getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot build the sandbox platform certificate", e);
        }
    }

    public String serialHex() {
        return serialHex;
    }

    public OffsetDateTime effective() {
        return effective;
    }

    public OffsetDateTime expires() {
        return expires;
    }

    public String pem() {
        return pem;
    }
}
