package com.paygate.payment.provider.bill;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The layout both WeChat Pay v3 bills share, read a line at a time: a header of names, detail rows, a summary header
 * (recognised by its first name) and exactly one summary row. Every detail and summary value is written with a
 * leading backtick and nothing is quoted.
 */
final class WechatCsv {

    private final BillLineReader reader;
    private final String summaryStart;
    private final BillHeader header;
    private final Row row = new Row();
    private String summaryHeader;

    WechatCsv(InputStream in, String summaryStart) throws IOException {
        this.reader = new BillLineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.summaryStart = summaryStart;
        String first = reader.nextNonBlank();
        if (first == null) {
            throw new BillFormatException("the bill is empty");
        }
        if (first.startsWith(summaryStart) || first.startsWith("`")) {
            throw BillValues.error(reader.number(), "the bill does not start with its header");
        }
        header = BillHeader.parse(first);
    }

    BillHeader header() {
        return header;
    }

    /** The number of the line last read. */
    int line() {
        return reader.number();
    }

    /** Moves to the next detail row; false once the summary header is reached. A bill that just ends is truncated. */
    boolean nextRow() throws IOException {
        String line = reader.nextNonBlank();
        if (line == null) {
            throw BillValues.error(reader.number(), "the bill ends without its summary (" + summaryStart + "...)");
        }
        if (line.startsWith(summaryStart)) {
            summaryHeader = line;
            return false;
        }
        row.split(line, reader.number(), header.size());
        return true;
    }

    /** The current detail row's value in that column, backtick removed. */
    String value(int column) {
        return row.get(column);
    }

    /** Once {@link #nextRow()} said false: the one summary row, after which nothing but blank lines may follow. */
    Summary summary(String... required) throws IOException {
        BillHeader names = BillHeader.parse(summaryHeader);
        names.require(reader.number(), required);
        String line = reader.nextNonBlank();
        if (line == null) {
            throw BillValues.error(reader.number(), "the summary header has no summary row");
        }
        int at = reader.number();
        row.split(line, at, names.size());
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.putIfAbsent(names.name(i), row.get(i));
        }
        if (reader.nextNonBlank() != null) {
            throw BillValues.error(reader.number(), "unexpected line after the summary row");
        }
        return new Summary(values, at);
    }

    /** The summary row's values by column name, read with its line number for errors. */
    record Summary(Map<String, String> values, int line) {

        boolean has(String column) {
            return values.containsKey(column);
        }

        long count(String column) {
            return BillValues.count(values.get(column), column, line);
        }

        long units(String column, int decimals) {
            return BillValues.units(values.get(column), decimals, column, line);
        }
    }

    /**
     * One backticked row. Since every value starts with a backtick and nothing is quoted, a value ends only where
     * {@code ,`} starts the next one: splitting there (not at every comma) keeps the commas inside a value, such as
     * the JSON of 商户数据包 or a 商品名称, where they belong. Offsets only; a value is cut out when asked for.
     */
    private static final class Row {

        private String line;
        private int[] starts = new int[32];
        private int[] ends = new int[32];

        void split(String text, int lineNumber, int expected) {
            if (text.isEmpty() || text.charAt(0) != '`') {
                throw BillValues.error(lineNumber, "a value without its leading backtick");
            }
            line = text;
            int size = 0;
            int start = 1;
            while (true) {
                int separator = text.indexOf(",`", start);
                int end = separator < 0 ? text.length() : separator;
                if (size == starts.length) {
                    starts = Arrays.copyOf(starts, size * 2);
                    ends = Arrays.copyOf(ends, size * 2);
                }
                starts[size] = start;
                ends[size++] = end;
                if (separator < 0) {
                    break;
                }
                start = separator + 2;
            }
            if (size != expected) {
                throw BillValues.error(lineNumber, size + " values where the header has " + expected);
            }
        }

        String get(int column) {
            return line.substring(starts[column], ends[column]).strip();
        }
    }
}
