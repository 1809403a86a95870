package com.paygate.payment.provider.bill;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Reading a bill's values exactly: decimal yuan to integer units, counts, China-time timestamps, header names. */
final class BillValues {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private BillValues() {
    }

    static BillFormatException error(int line, String message) {
        return new BillFormatException("line " + line + ": " + message);
    }

    /** Header names compared after NFKC, so full-width （元） and ASCII (元) (both seen in real bills) are one name. */
    static String name(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
    }

    /**
     * A decimal yuan amount as an exact count of 10^-decimals yuan (decimals 2: fen; 5: milli-fen). More decimals than
     * that, an exponent, or anything but {@code -?digits[.digits]} is a format error, never rounded: a bill that
     * states 0.001 yuan is not one we understand.
     */
    static long units(String value, int decimals, String column, int line) {
        if (!plainDecimal(value)) {
            throw error(line, column + " '" + value + "' is not a decimal amount");
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.scale() > decimals) {
            throw error(line, column + " '" + value + "' has more than " + decimals + " decimals");
        }
        try {
            return amount.movePointRight(decimals).longValueExact();
        } catch (ArithmeticException e) {
            throw error(line, column + " '" + value + "' is out of range");
        }
    }

    static long fen(String value, String column, int line) {
        return units(value, 2, column, line);
    }

    /** A count, which WeChat's fund-flow summary prints as {@code 20.0}: any whole number, with or without decimals. */
    static long count(String value, String column, int line) {
        if (!plainDecimal(value) || value.startsWith("-")) {
            throw error(line, column + " '" + value + "' is not a count");
        }
        try {
            return new BigDecimal(value).longValueExact();
        } catch (ArithmeticException e) {
            throw error(line, column + " '" + value + "' is not a whole number");
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in China time, as both providers write it. */
    static Instant chinaTime(String value, String column, int line) {
        if (value.length() != 19 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != ' '
                || value.charAt(13) != ':' || value.charAt(16) != ':') {
            throw error(line, column + " '" + value + "' is not yyyy-MM-dd HH:mm:ss");
        }
        try {
            return LocalDateTime.of(digits(value, 0, 4, column, line), digits(value, 5, 2, column, line),
                    digits(value, 8, 2, column, line), digits(value, 11, 2, column, line),
                    digits(value, 14, 2, column, line), digits(value, 17, 2, column, line)).toInstant(CHINA);
        } catch (DateTimeException e) {
            throw error(line, column + " '" + value + "' is not a valid time");
        }
    }

    /** Units (10^-decimals yuan) written back as yuan, for messages. */
    static String yuan(long units, int decimals) {
        return BigDecimal.valueOf(units, decimals).toPlainString();
    }

    private static int digits(String value, int from, int length, String column, int line) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw error(line, column + " '" + value + "' is not yyyy-MM-dd HH:mm:ss");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean plainDecimal(String value) {
        int i = value.startsWith("-") ? 1 : 0;
        int digitsBefore = 0;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
            digitsBefore++;
        }
        if (digitsBefore == 0 || digitsBefore > 15) {
            return false;
        }
        if (i == value.length()) {
            return true;
        }
        if (value.charAt(i++) != '.') {
            return false;
        }
        int digitsAfter = 0;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
            digitsAfter++;
        }
        return digitsAfter > 0 && i == value.length();
    }
}
