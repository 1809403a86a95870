package com.paygate.payment.service;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Merchant out_trade_no: "P" + yyMMdd + 20 random base62 characters (27 chars, [A-Za-z0-9]). ~119 bits of
 * randomness, so a paySn cannot be guessed or enumerated; the date prefix only helps humans and indexes.
 */
public final class PaySn {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private PaySn() {
    }

    public static String next() {
        StringBuilder sn = new StringBuilder("P").append(LocalDate.now(ZoneOffset.ofHours(8)).format(DAY));
        for (int i = 0; i < 20; i++) {
            sn.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sn.toString();
    }
}
