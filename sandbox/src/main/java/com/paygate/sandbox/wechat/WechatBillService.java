package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.sandbox.bills.BillFile;
import com.paygate.sandbox.bills.BillFiles;
import com.paygate.sandbox.bills.Bills;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.wechat.WechatPayService.SignedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * WeChat Pay v3's bill APIs: apply for a trade or fund-flow bill (answered with its SHA-1 and a download URL), and
 * download it with a signed request. The file is generated when applied for and kept behind the URL's token.
 *
 * <p>Unlike WeChat, any past day and today can be asked for (WeChat: the last three months, from 10:00 the next
 * day): tests put their trades on days of their own with the businessDayShift fault, and want today's bill at once.
 */
@ApplicationScoped
public class WechatBillService {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final WechatAuthenticator authenticator;
    private final Bills bills;
    private final BillFiles files;
    private final ObjectMapper json;

    public WechatBillService(WechatAuthenticator authenticator, Bills bills, BillFiles files, ObjectMapper json) {
        this.authenticator = authenticator;
        this.bills = bills;
        this.files = files;
        this.json = json;
    }

    /** {@code GET /v3/bill/tradebill}: bill_type ALL only (SUCCESS and REFUND bills have other columns). */
    public WechatAnswer tradeBill(SignedRequest request, String billDate, String billType, String tarType, String baseUrl) {
        authenticator.authenticate(request.authorization(), "GET", request.pathWithQuery(), "");
        LocalDate date = billDate(billDate);
        if (billType != null && !"ALL".equals(billType)) {
            throw WechatError.param("bill_type: the sandbox serves ALL only");
        }
        boolean gzip = gzip(tarType);
        return answer(bills.wechatTradeBill(date, gzip), gzip, baseUrl);
    }

    /** {@code GET /v3/bill/fundflowbill}: the sandbox moves money through the basic account only. */
    public WechatAnswer fundFlowBill(SignedRequest request, String billDate, String accountType, String tarType, String baseUrl) {
        authenticator.authenticate(request.authorization(), "GET", request.pathWithQuery(), "");
        LocalDate date = billDate(billDate);
        if (accountType != null && !List.of("BASIC", "OPERATION", "FEES").contains(accountType)) {
            throw WechatError.param("account_type must be BASIC, OPERATION or FEES");
        }
        boolean gzip = gzip(tarType);
        boolean basic = accountType == null || "BASIC".equals(accountType);
        return answer(basic ? bills.wechatFundFlowBill(date, gzip) : Optional.empty(), gzip, baseUrl);
    }

    /** {@code GET /v3/billdownload/file}: the file of a token issued to this merchant, while it lasts. */
    public BillFile download(SignedRequest request, String token) {
        authenticator.authenticate(request.authorization(), "GET", request.pathWithQuery(), "");
        return files.find(token, Provider.WECHAT)
                .orElseThrow(() -> new WechatError(400, "INVALID_REQUEST", "下载链接已失效，请重新申请账单"));
    }

    private WechatAnswer answer(Optional<BillFile> bill, boolean gzip, String baseUrl) {
        BillFile file = bill.orElseThrow(() -> new WechatError(400, "NO_STATEMENT_EXIST", "No statement exist"));
        String url = baseUrl + "/v3/billdownload/file?token=" + files.keep(file) + (gzip ? "&tartype=gzip" : "");
        return new WechatAnswer(200, json.createObjectNode()
                .put("hash_type", "SHA1")
                .put("hash_value", file.sha1())
                .put("download_url", url)
                .toString());
    }

    private static LocalDate billDate(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            throw WechatError.param("bill_date is required, as yyyy-MM-dd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw WechatError.param("bill_date is not a date: " + text);
        }
        if (date.isAfter(OffsetDateTime.now(WechatTransactionView.CHINA).toLocalDate())) {
            throw WechatError.param("bill_date is in the future");
        }
        return date;
    }

    private static boolean gzip(String tarType) {
        if (tarType != null && !"GZIP".equals(tarType)) {
            throw WechatError.param("tar_type must be GZIP or absent");
        }
        return tarType != null;
    }
}
