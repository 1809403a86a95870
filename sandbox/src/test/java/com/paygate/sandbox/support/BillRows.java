package com.paygate.sandbox.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.net.URI;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading bills the way a merchant's reconciliation would, and the sandbox calls the bill tests share. */
public final class BillRows {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private BillRows() {
    }

    /** A WeChat data row: backtick-prefixed values, by header name. */
    public static Map<String, String> wechatRow(String header, String row) {
        String[] names = header.split(",", -1);
        String[] values = row.split(",", -1);
        assertEquals(names.length, values.length, row);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            assertEquals('`', values[i].charAt(0), "every value is backticked: " + row);
            fields.put(names[i], values[i].substring(1));
        }
        return fields;
    }

    /** A WeChat bill's detail rows (between the header and the summary header), by header name. */
    public static List<Map<String, String>> wechatDetails(List<String> lines, String summaryHeaderStart) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(summaryHeaderStart)) {
                break;
            }
            rows.add(wechatRow(lines.get(0), line));
        }
        return rows;
    }

    /** Lines of a CRLF text; the final CRLF makes no empty line. */
    public static List<String> lines(String text) {
        assertEquals(text.replace("\r\n", "").indexOf('\n'), -1, "lines end with CRLF");
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
        assertEquals("", lines.remove(lines.size() - 1), "the file ends with CRLF");
        return lines;
    }

    public static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    /** Path and query of an absolute URL, as a merchant signs and requests it. */
    public static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The trade's or refund's success time as the sandbox recorded it. */
    public static OffsetDateTime successTime(String outTradeNo) {
        return OffsetDateTime.parse(given().get("/sandbox/transactions/" + outTradeNo).jsonPath().getString("successTime"));
    }

    public static LocalDate chinaDay(OffsetDateTime time) {
        return time.withOffsetSameInstant(CHINA).toLocalDate();
    }

    public static String chinaTime(OffsetDateTime time) {
        return time.withOffsetSameInstant(CHINA).format(TIME);
    }

    public static void faults(String body) {
        given().contentType("application/json").body(body).post("/sandbox/faults").then().statusCode(200);
    }

    public static Response differences(String body) {
        return given().contentType("application/json").body(body).post("/sandbox/bills/differences");
    }

    /** Waits until every refund of the trade has settled (WeChat refunds answer PROCESSING first). */
    public static void awaitRefundsSettled(String outTradeNo) {
        NotifyReceiver.await(() -> given().get("/sandbox/transactions/" + outTradeNo + "/refunds").jsonPath()
                .getList("state", String.class).stream().allMatch("SUCCESS"::equals), 5000, "the refunds of " + outTradeNo);
    }

    public static OffsetDateTime refundSuccessTime(String outTradeNo, String outRefundNo) {
        Response refunds = given().get("/sandbox/transactions/" + outTradeNo + "/refunds");
        List<Map<String, Object>> all = refunds.jsonPath().getList("$");
        return all.stream().filter(r -> outRefundNo.equals(r.get("outRefundNo")))
                .map(r -> OffsetDateTime.parse((String) r.get("successTime"))).findFirst().orElseThrow();
    }
}
