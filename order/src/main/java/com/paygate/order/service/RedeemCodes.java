package com.paygate.order.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/** Redeem codes: 10 random digits, compared in constant time so response timing does not leak digits. */
@ApplicationScoped
public class RedeemCodes {

    private static final long BOUND = 10_000_000_000L;

    // An instance field, not a static one: a SecureRandom must be seeded at run time, not in a native image heap.
    private final SecureRandom random = new SecureRandom();

    public String issue() {
        return String.format("%010d", random.nextLong(BOUND));
    }

    public static boolean matches(String issued, String presented) {
        if (issued == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(issued.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
