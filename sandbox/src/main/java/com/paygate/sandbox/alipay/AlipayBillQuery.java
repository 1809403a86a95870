package com.paygate.sandbox.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.sandbox.bills.BillFile;
import com.paygate.sandbox.bills.BillFiles;
import com.paygate.sandbox.bills.Bills;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * alipay.data.dataservice.bill.downloadurl.query for daily trade bills: generates the day's bill (a zip of GBK
 * CSVs) and answers {@code bill_download_url}, fetched with a plain unsigned GET from
 * {@code /sandbox/alipay/bills/<token>.csv.zip} while it lasts ({@code sandbox.bills.download-ttl}; Alipay's lasts
 * 30 s). A day without rows is {@code isp.bill_not_exist}. Unlike Alipay, today can be asked for too, and only daily
 * {@code trade} bills exist (no {@code signcustomer}, no monthly bills).
 */
@ApplicationScoped
public class AlipayBillQuery {

    public static final String METHOD = "alipay.data.dataservice.bill.downloadurl.query";
    static final String DOWNLOAD_PATH = "/sandbox/alipay/bills";
    static final String SUFFIX = ".csv.zip";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Bills bills;
    private final BillFiles files;
    private final AlipayResponder responder;

    public AlipayBillQuery(Bills bills, BillFiles files, AlipayResponder responder) {
        this.bills = bills;
        this.files = files;
        this.responder = responder;
    }

    /** @param baseUrl where the merchant's server reached the gateway */
    public ObjectNode query(JsonNode biz, String baseUrl) {
        if (!"trade".equals(biz.path("bill_type").asText(""))) {
            throw invalid("bill_type: the sandbox serves trade bills only");
        }
        String text = biz.path("bill_date").asText("");
        if (!DATE.matcher(text).matches()) {
            throw invalid("bill_date: the sandbox serves daily bills, yyyy-MM-dd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("bill_date is not a date");
        }
        if (date.isAfter(OffsetDateTime.now(AlipayFormats.BEIJING).toLocalDate())) {
            throw invalid("bill_date is in the future");
        }
        BillFile file = bills.alipayTradeBill(date)
                .orElseThrow(() -> AlipayError.business("isp.bill_not_exist", "账单不存在"));
        return responder.success().put("bill_download_url", baseUrl + DOWNLOAD_PATH + "/" + files.keep(file) + SUFFIX);
    }

    private static AlipayError invalid(String detail) {
        return AlipayError.business("isv.invalid_arguments", "入参不合法: " + detail);
    }
}
