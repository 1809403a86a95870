package com.paygate.sandbox.bills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A bill file being written line by line straight into bytes (optionally gzip-compressed), with the SHA-1 of the
 * uncompressed text taken on the way: a 200k-row bill never exists as one String. Plus the formats both providers'
 * bills share: Beijing times, yuan from integer fen (never floating point), the fee.
 */
final class BillText {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String CRLF = "\r\n";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    private final MessageDigest sha1;
    private final Writer out;

    BillText(Charset charset, boolean gzip) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
            OutputStream target = gzip ? new GZIPOutputStream(bytes, 64 * 1024) : bytes;
            out = new OutputStreamWriter(new DigestOutputStream(target, sha1), charset);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(String text) {
        try {
            out.write(text);
            out.write(CRLF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WeChat's data rows: every value prefixed with a backtick, so spreadsheets keep long numbers as text. */
    void backticked(String... values) {
        StringBuilder row = new StringBuilder(values.length * 16);
        for (int i = 0; i < values.length; i++) {
            row.append(i == 0 ? "`" : ",`").append(values[i]);
        }
        line(row.toString());
    }

    void row(String... values) {
        line(String.join(",", values));
    }

    /** Closes the text: its bytes and the hex SHA-1 of what was written before compression. */
    Written finish() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(bytes.toByteArray(), HexFormat.of().formatHex(sha1.digest()));
    }

    record Written(byte[] bytes, String sha1) {
    }

    static String time(OffsetDateTime time) {
        return time.withOffsetSameInstant(CHINA).format(TIME);
    }

    /** Yuan with two decimals: 6000 → "60.00", -27 → "-0.27". */
    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** WeChat's 手续费: yuan with five decimals (the fee is whole fen, so the last three are zeros). */
    static String yuan5(long fen) {
        return BigDecimal.valueOf(fen, 2).setScale(5).toPlainString();
    }

    /** The fee on an amount, rounded half up to the fen; negative for a negative amount (a fee given back). */
    static long fee(long amountFen, int basisPoints) {
        long fee = (Math.abs(amountFen) * basisPoints + 5_000) / 10_000;
        return amountFen < 0 ? -fee : fee;
    }

    /** 60 → "0.60%". */
    static String rate(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).toPlainString() + "%";
    }

    /** Free text as a field: no separators or line breaks inside (neither provider quotes fields). */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        return value.replace(',', '，').replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }
}
