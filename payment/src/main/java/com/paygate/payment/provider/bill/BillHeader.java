package com.paygate.payment.provider.bill;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A header row: columns found by (NFKC-normalised) name, never by position, since providers add and move columns. */
final class BillHeader {

    private final Map<String, Integer> columns = new HashMap<>();
    private final String[] names;

    private BillHeader(String[] raw) {
        names = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            names[i] = BillValues.name(raw[i]);
            columns.putIfAbsent(names[i], i);
        }
    }

    /** A header written as plain comma-separated names (no quoting, no backticks: that is how both providers write it). */
    static BillHeader parse(String line) {
        return new BillHeader(line.split(",", -1));
    }

    int size() {
        return names.length;
    }

    String name(int column) {
        return names[column];
    }

    /** The column's index, or -1. */
    int indexOf(String name) {
        Integer i = columns.get(name);
        return i == null ? -1 : i;
    }

    /** The columns' indexes in the order asked; every missing one is named in a single error. */
    int[] require(int line, String... required) {
        int[] indexes = new int[required.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < required.length; i++) {
            indexes[i] = indexOf(required[i]);
            if (indexes[i] < 0) {
                missing.add(required[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw BillValues.error(line, "the header lacks column(s) " + String.join(", ", missing));
        }
        return indexes;
    }
}
