package com.paygate.payment.provider.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.payment.provider.BillDownloads;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderException;
import com.paygate.payment.provider.QueryRetry;
import com.paygate.payment.provider.bill.BillFormatException;
import com.paygate.payment.provider.bill.BillLine;
import com.paygate.payment.provider.bill.BillTotals;
import com.paygate.payment.provider.bill.WechatTradeBillParser;
import io.smallrye.mutiny.Uni;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * WeChat Pay's trade bill: {@code GET /v3/bill/tradebill} (a signed answer naming a download URL and the SHA-1 of
 * the uncompressed file), then the file itself, gzip, from that URL with a signed request (its answer is not
 * signed: the SHA-1 is what vouches for it). NO_STATEMENT_EXIST is a day without trades; STATEMENT_CREATING a bill
 * not ready yet.
 */
final class WechatBills {

    private final WechatMerchant merchant;
    private final WechatPayClient client;
    private final BillDownloads downloads;
    private final ObjectMapper json;

    WechatBills(WechatMerchant merchant, WechatPayClient client, BillDownloads downloads, ObjectMapper json) {
        this.merchant = merchant;
        this.client = client;
        this.downloads = downloads;
        this.json = json;
    }

    Uni<Optional<PaymentProvider.Bill>> download(LocalDate date, Path file) {
        String what = "trade bill of " + date;
        return QueryRetry.of(what, () -> client.call(what, () -> client.api().tradeBill(date.toString(), "ALL", "GZIP")))
                .chain(reply -> {
                    JsonNode answer = read(reply.body());
                    if (!reply.ok()) {
                        String code = answer.path("code").asText("");
                        if (reply.signed() && "NO_STATEMENT_EXIST".equals(code)) {
                            return Uni.createFrom().item(Optional.<PaymentProvider.Bill>empty());
                        }
                        throw ProviderException.unavailable("WeChat Pay " + what + ": " + reply.status() + " " + code
                                + (reply.signed() ? "" : " (unsigned)"));
                    }
                    URI url = URI.create(answer.path("download_url").asText(""));
                    String hash = answer.path("hash_value").asText("");
                    if (!"SHA1".equalsIgnoreCase(answer.path("hash_type").asText()) || hash.isEmpty()
                            || !BillDownloads.onHost(url, URI.create(merchant.config().baseUrl()).getHost())) {
                        throw ProviderException.unverifiable("WeChat Pay " + what + ": unexpected answer (hash or URL)");
                    }
                    String pathWithQuery = url.getRawQuery() == null ? url.getRawPath() : url.getRawPath() + "?" + url.getRawQuery();
                    Map<String, String> headers = Map.of("Authorization", merchant.authorization("GET", pathWithQuery, ""),
                            "Accept", "*/*");
                    return downloads.fetch(url, headers, file)
                            .map(path -> Optional.<PaymentProvider.Bill>of(new GzipBill(path, hash)));
                });
    }

    private JsonNode read(String body) {
        try {
            JsonNode node = json.readTree(body == null || body.isEmpty() ? "{}" : body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            throw ProviderException.unverifiable("WeChat Pay bill answer is not JSON", e);
        }
    }

    /** The downloaded gzip, read through its SHA-1: the lines count only if the whole file is the one WeChat hashed. */
    private record GzipBill(Path file, String sha1) implements PaymentProvider.Bill {

        @Override
        public BillTotals read(Consumer<BillLine> lines) throws IOException {
            MessageDigest digest = newSha1();
            try (InputStream in = new DigestInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)),
                    1 << 16), digest)) {
                BillTotals totals = new WechatTradeBillParser().parse(in, lines);
                in.transferTo(OutputStream.nullOutputStream());
                if (!HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(sha1)) {
                    throw new BillFormatException("the bill is not the file WeChat Pay hashed (SHA-1 differs)");
                }
                return totals;
            }
        }

        private static MessageDigest newSha1() {
            try {
                return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
