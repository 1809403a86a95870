package com.paygate.common.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads and writes RSA keys and X.509 certificates in PEM (PKCS#8 private keys, SubjectPublicKeyInfo public keys). */
public final class Pem {

    private Pem() {
    }

    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(body(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Not a PKCS#8 RSA private key", e);
        }
    }

    public static PublicKey publicKey(String pem) {
        if (pem.contains("BEGIN CERTIFICATE")) {
            return certificate(pem).getPublicKey();
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(body(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Not an RSA public key", e);
        }
    }

    public static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Not an X.509 certificate", e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(read(file));
    }

    public static PublicKey readPublicKey(Path file) {
        return publicKey(read(file));
    }

    public static String encode(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    public static String encode(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    public static String encode(PublicKey key) {
        return encode("PUBLIC KEY", key.getEncoded());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // The path is configuration, not a secret; the content never appears in messages.
            throw new CryptoException("Cannot read key file " + file, e);
        }
    }

    private static byte[] body(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        String base64 = from >= 0 && to > from ? pem.substring(from + begin.length(), to) : pem;
        try {
            return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("Malformed PEM " + type, e);
        }
    }
}
