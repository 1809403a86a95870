package com.paygate.payment.provider.bill;

import java.io.IOException;
import java.io.Reader;

/**
 * A bill's text one line at a time, numbered for error messages. Ends a line at {@code \n}, {@code \r\n} or a lone
 * {@code \r}, drops a leading BOM, and refuses a line over {@link #MAX_LINE} characters: a bill row is a few hundred
 * characters, so a longer one is a broken file, and refusing it keeps memory bounded whatever the input.
 */
final class BillLineReader {

    static final int MAX_LINE = 64 * 1024;

    private final Reader in;
    private final char[] buf = new char[1 << 14];
    private final StringBuilder pending = new StringBuilder();
    private int pos;
    private int limit;
    private boolean skipLf;
    private int number;

    BillLineReader(Reader in) {
        this.in = in;
    }

    /** The number of the line last returned (1-based; 0 before the first). */
    int number() {
        return number;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        pending.setLength(0);
        boolean started = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return started ? line(pending.toString()) : null;
                }
                pos = 0;
                limit = n;
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit) {
                char c = buf[pos];
                if (c == '\n' || c == '\r') {
                    skipLf = c == '\r';
                    String text;
                    if (pending.isEmpty()) {
                        checkLength(pos - start);
                        text = new String(buf, start, pos - start);
                    } else {
                        append(start, pos);
                        text = pending.toString();
                    }
                    pos++;
                    return line(text);
                }
                pos++;
            }
            append(start, limit);
            started = true;
        }
    }

    /** The next line that is not blank, or null at the end. */
    String nextNonBlank() throws IOException {
        String line;
        do {
            line = next();
        } while (line != null && line.isBlank());
        return line;
    }

    private String line(String text) {
        number++;
        return number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    private void append(int from, int to) {
        checkLength(pending.length() + to - from);
        pending.append(buf, from, to - from);
    }

    private void checkLength(int length) {
        if (length > MAX_LINE) {
            throw BillValues.error(number + 1, "longer than " + MAX_LINE + " characters");
        }
    }
}
