package com.paygate.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.util.Set;

/** Mints bearer tokens with the committed dev key, as {@code deploy/local/pay token} does. Tests only. */
public final class DevTokens {

    public static final String ISSUER = "paygate-dev";
    public static final String AUDIENCE = "paygate";
    private static final String PRIVATE_KEY = "dev-keys/jwt-private.pem";

    private DevTokens() {
    }

    public static String user(String userId) {
        return build(userId, null, Set.of());
    }

    public static String user(String userId, String openid) {
        return build(userId, openid, Set.of());
    }

    /** A user whose openid was issued in the merchant's WeChat app bound as {@code wechatApp} (claim wechat_app). */
    public static String userInApp(String userId, String openid, String wechatApp) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(userId).upn(userId).expiresIn(Duration.ofHours(1))
                .claim("openid", openid).claim("wechat_app", wechatApp).sign(PRIVATE_KEY);
    }

    public static String admin(String userId) {
        return build(userId, null, Set.of("admin"));
    }

    public static String build(String userId, String openid, Set<String> groups) {
        return build(userId, openid, groups, AUDIENCE);
    }

    /** A token for another audience ({@code null}: none), which the services must refuse. */
    public static String forAudience(String userId, String audience) {
        return build(userId, null, Set.of(), audience);
    }

    private static String build(String userId, String openid, Set<String> groups, String audience) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(userId).upn(userId).expiresIn(Duration.ofHours(1));
        if (audience != null) {
            claims.audience(audience);
        }
        if (openid != null) {
            claims.claim("openid", openid);
        }
        if (!groups.isEmpty()) {
            claims.groups(groups);
        }
        return claims.sign(PRIVATE_KEY);
    }

    /** Well formed, but signed by a key the services do not trust. */
    public static String signedByAnotherKey(String userId) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(userId).upn(userId).expiresIn(Duration.ofHours(1))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the dev key, but expired a minute ago. */
    public static String expired(String userId) {
        long now = java.time.Instant.now().getEpochSecond();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(userId).upn(userId).issuedAt(now - 3600).expiresAt(now - 60)
                .sign(PRIVATE_KEY);
    }

    /** Signed with the dev key, but naming another issuer. */
    public static String fromIssuer(String userId, String issuer) {
        return Jwt.issuer(issuer).audience(AUDIENCE).subject(userId).upn(userId).expiresIn(Duration.ofHours(1)).sign(PRIVATE_KEY);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
