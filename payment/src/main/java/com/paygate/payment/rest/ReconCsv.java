package com.paygate.payment.rest;

import java.util.List;

/** The differences of some runs as CSV (RFC 4180), safe to open in a spreadsheet. */
final class ReconCsv {

    static final String HEADER = "provider,bill_date,kind,pay_sn,refund_sn,bill_fen,our_fen,our_state,state,resolution";

    private ReconCsv() {
    }

    static String of(List<ReconRunView> runs) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ReconRunView run : runs) {
            for (ReconRunView.Difference d : run.items()) {
                csv.append(String.join(",", field(run.provider()), field(run.billDate().toString()), field(d.kind()),
                        field(d.paySn()), field(d.refundSn()), field(d.billFen()), field(d.ourFen()), field(d.ourState()),
                        field(d.state()), field(d.resolution()))).append("\r\n");
            }
        }
        return csv.toString();
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // A bill's order number is provider data: a leading = + - @ would be a formula to a spreadsheet.
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
