package com.paygate.payment.provider.alipay;

import com.paygate.payment.provider.BillDownloads;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderException;
import com.paygate.payment.provider.QueryRetry;
import com.paygate.payment.provider.bill.AlipayTradeBillParser;
import io.smallrye.mutiny.Uni;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alipay's trade bill: {@code alipay.data.dataservice.bill.downloadurl.query} (a signed answer with a short-lived
 * URL), then a zip of GBK CSVs from that URL, fetched at once. Alipay signs nothing in the zip: the bill's own
 * summary, checked against its lines, is what a truncated or altered file fails on.
 */
final class AlipayBills {

    /** What gateways and SDKs answer for a day without a bill (the spec and the live gateway disagree). */
    private static final Set<String> NO_BILL = Set.of("isp.bill_not_exist", "BILL_NOT_EXIST", "NO_BILL_DATA");

    private final AlipayMerchant merchant;
    private final AlipayClient client;
    private final BillDownloads downloads;

    AlipayBills(AlipayMerchant merchant, AlipayClient client, BillDownloads downloads) {
        this.merchant = merchant;
        this.client = client;
        this.downloads = downloads;
    }

    Uni<Optional<PaymentProvider.Bill>> download(LocalDate date, Path file) {
        String biz = "{\"bill_type\":\"trade\",\"bill_date\":\"" + date + "\"}";
        return QueryRetry.of("bill of " + date, () -> client.call("alipay.data.dataservice.bill.downloadurl.query", biz))
                .chain(answer -> {
                    if (!answer.ok()) {
                        if (NO_BILL.contains(answer.subCode())) {
                            return Uni.createFrom().item(Optional.<PaymentProvider.Bill>empty());
                        }
                        throw ProviderException.unavailable("Alipay bill of " + date + ": " + answer.describe());
                    }
                    URI url = URI.create(answer.node().path("bill_download_url").asText(""));
                    // Alipay serves bills from its own hosts (dwbillcenter.alipay.com); a sandbox from the gateway's.
                    String gateway = URI.create(merchant.gatewayUrl()).getHost();
                    if (!BillDownloads.onHost(url, gateway) && !BillDownloads.onHost(url, ".alipay.com")) {
                        throw ProviderException.unverifiable("Alipay bill URL is not on Alipay's hosts");
                    }
                    return downloads.fetch(url, Map.of(), file).map(path -> Optional.<PaymentProvider.Bill>of(lines -> {
                        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                            return new AlipayTradeBillParser().parse(in, lines);
                        }
                    }));
                });
    }
}
