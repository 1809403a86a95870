package com.paygate.payment.recon;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.client.CreatePayment;
import com.paygate.client.PaygateClient;
import com.paygate.client.Payment;
import com.paygate.client.Refund;
import com.paygate.payment.domain.PaymentAlert;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.Sandbox;
import com.paygate.testing.DevTokens;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A day of payments and refunds over every channel, reconciled against the sandbox's bills of that day (WeChat Pay's
 * gzip CSV with its SHA-1, Alipay's GBK zip), with one injected difference of each kind. The sandbox moves this
 * test's business times to a day of its own (businessDayShift), so the day holds this test's records only and
 * "exactly those differences" can be asserted.
 */
@QuarkusTest
class ReconciliationTest {

    private static final String[] CHANNELS = {"WECHAT_JSAPI", "WECHAT_H5", "WECHAT_NATIVE", "ALIPAY_WAP", "ALIPAY_QR", "ALIPAY_PC"};
    private static final int PER_CHANNEL = 20;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private PaygateClient client;

    @Test
    void aDayOverEveryChannelFindsExactlyTheInjectedDifferencesSettlesWhatAQueryCanAndAReRunChangesNothing() {
        int shift = -ThreadLocalRandom.current().nextInt(400, 3000);
        LocalDate day = LocalDate.now(ZoneOffset.ofHours(8)).plusDays(shift);
        client = newApp();
        Sandbox.faults(Map.of("businessDayShift", shift));
        try {
            List<Payment> paid = new ArrayList<>();
            for (String channel : CHANNELS) {
                for (int i = 0; i < PER_CHANNEL; i++) {
                    paid.add(pay(channel, 100 + ThreadLocalRandom.current().nextInt(100_000)));
                }
            }
            awaitState(paid, "SUCCESS");
            // Refunds through both providers, part and whole.
            List<Refund> refunds = new ArrayList<>();
            for (int i = 0; i < paid.size(); i += 8) {
                Payment p = paid.get(i);
                long amount = i % 16 == 0 ? p.amountFen() : p.amountFen() / 2;
                refunds.add(client.refund(p.paySn(), amount, "reconciliation day", "r-" + p.paySn()));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> refunds.stream()
                    .allMatch(r -> client.refunds(r.paySn()).stream().allMatch(x -> "SUCCESS".equals(x.state()))));

            // Settleable by a query: a payment we closed that the payer paid anyway, its notification lost.
            Payment late = client.createPayment(CreatePayment.of(Api.unique("R"), 4321, "late", "WECHAT_NATIVE"));
            assertEquals("CLOSED", client.closePayment(late.paySn()).state());
            Sandbox.faults(Map.of("dropNotifications", true));
            given().contentType("application/json").body(Map.of("outTradeNo", late.paySn(), "outcome", "SUCCESS", "afterClose", true))
                    .post(Sandbox.url() + "/sandbox/pay").then().statusCode(200);
            Sandbox.faults(Map.of("dropNotifications", false));
            // Not settleable: the bill says paid, the provider's own query says not.
            Payment notPaid = client.createPayment(CreatePayment.of(Api.unique("R"), 777, "not paid", "ALIPAY_QR"));

            Payment omitted = paid.get(1);             // WeChat JSAPI: absent from the bill
            Payment otherAmount = paid.get(3 * PER_CHANNEL + 1); // Alipay WAP: another amount on the bill
            Refund omittedRefund = refunds.get(1);     // a refund absent from the bill
            Payment strangeRefund = paid.get(2);       // the bill has a refund of it nobody made
            Sandbox.billDifferences(Map.of("omitTrades", List.of(omitted.paySn()), "amountDelta", Map.of(otherAmount.paySn(), 1),
                    "omitRefunds", List.of(omittedRefund.refundSn()), "extraTrades", 1,
                    "extraRefunds", List.of(Map.of("outTradeNo", strangeRefund.paySn(), "refundFen", 100)),
                    "reportPaid", List.of(notPaid.paySn())));

            List<JsonPath> runs = reconcile(day);
            Map<String, Set<String>> found = differences(runs);
            Set<String> wechat = new TreeSet<>(List.of(
                    "PAYMENT_OURS_ONLY " + omitted.paySn() + "  ALERTED",
                    "PAYMENT_PROVIDER_ONLY " + late.paySn() + "  SETTLED",
                    "REFUND_PROVIDER_ONLY " + strangeRefund.paySn() + " ? ALERTED"));
            Set<String> alipay = new TreeSet<>(List.of(
                    "PAYMENT_AMOUNT_DIFFERS " + otherAmount.paySn() + "  ALERTED",
                    "PAYMENT_PROVIDER_ONLY " + notPaid.paySn() + "  ALERTED"));
            (omittedRefund.paySn().equals(refundsProviderOf(paid, omittedRefund)) ? wechat : alipay)
                    .add("REFUND_OURS_ONLY " + omittedRefund.paySn() + " " + omittedRefund.refundSn() + " ALERTED");
            wechat.add("PAYMENT_PROVIDER_ONLY ? (never created)  ALERTED");
            alipay.add("PAYMENT_PROVIDER_ONLY ? (never created)  ALERTED");
            assertEquals(wechat, found.get("wechat"), "the WeChat Pay bill's differences");
            assertEquals(alipay, found.get("alipay"), "the Alipay bill's differences");

            com.paygate.payment.domain.Payment settled = Db.payment(late.paySn());
            assertEquals("SUCCESS", settled.state.name(), "the bill's late payment became ours, through the normal path");
            assertTrue(settled.paidAfterClose);
            assertEquals(1, Db.alerts(omitted.paySn()).stream().filter(a -> a.kind.equals("RECON_PAYMENT_OURS_ONLY")).count());
            assertEquals(1, Db.alerts(notPaid.paySn()).stream().filter(a -> a.kind.equals("RECON_PAYMENT_PROVIDER_ONLY")).count());

            // The bill's money: every line counted once, per channel, and what matched.
            for (JsonPath run : runs) {
                String provider = run.getString("provider");
                int channels = run.getList("channels").size();
                assertEquals(4, channels, provider + ": three channels and the trade nobody created: " + run.prettify());
                long lines = run.getLong("bill.payments") + run.getLong("bill.refunds");
                long unsettledLines = run.getList("items", Map.class).stream()
                        .filter(d -> !String.valueOf(d.get("kind")).endsWith("OURS_ONLY") && !"SETTLED".equals(d.get("state")))
                        .count();
                assertEquals(lines - unsettledLines, run.getLong("matched"), provider + ": every other line agrees with us");
                assertEquals(run.getLong("bill.paidFen") - run.getLong("bill.refundedFen") - run.getLong("bill.feeFen"),
                        run.getLong("bill.netFen"));
            }
            long wechatPaid = paid.stream().filter(p -> p.channel().startsWith("WECHAT") && !p.paySn().equals(omitted.paySn()))
                    .mapToLong(Payment::amountFen).sum() + late.amountFen();
            JsonPath wechatRun = runs.stream().filter(r -> r.getString("provider").equals("wechat")).findFirst().orElseThrow();
            assertEquals(wechatPaid, wechatRun.getList("channels", Map.class).stream()
                    .filter(c -> !"UNKNOWN".equals(c.get("channel")))
                    .mapToLong(c -> ((Number) ((Map<?, ?>) c.get("money")).get("paidFen")).longValue()).sum(),
                    "the WeChat bill's payments of our channels add up to ours, the omitted one aside");

            // Again: nothing changes (no new alert, no second effect, the same differences in the same states).
            Map<String, Integer> occurrences = alertOccurrences(List.of(omitted, notPaid, otherAmount, strangeRefund, late));
            int transitions = Db.transitions(late.paySn()).size();
            assertEquals(found, differences(reconcile(day)));
            assertEquals(occurrences, alertOccurrences(List.of(omitted, notPaid, otherAmount, strangeRefund, late)));
            assertEquals(transitions, Db.transitions(late.paySn()).size());

            String csv = admin().get("/api/admin/reconciliation/export?date=" + day).then().statusCode(200)
                    .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
            String[] lines = csv.split("\r\n");
            assertEquals("provider,bill_date,kind,pay_sn,refund_sn,bill_fen,our_fen,our_state,state,resolution", lines[0]);
            assertEquals(wechat.size() + alipay.size(), lines.length - 1);
            assertTrue(csv.contains("wechat," + day + ",PAYMENT_OURS_ONLY," + omitted.paySn() + ",,,"), csv);
        } finally {
            Sandbox.resetFaults();
            Sandbox.resetBillDifferences();
        }
    }

    @Test
    void badRequestsAreProblemsAndADayWithoutABillIsEmpty() {
        admin().get("/api/admin/reconciliation?date=yesterday").then().statusCode(400);
        admin().contentType("application/json").body(Map.of("from", "2026-12-05", "to", "2026-12-01"))
                .post("/api/admin/reconciliation/runs").then().statusCode(400);
        admin().contentType("application/json").body(Map.of("from", LocalDate.now(ZoneOffset.ofHours(8)).plusDays(2).toString()))
                .post("/api/admin/reconciliation/runs").then().statusCode(422);
        admin().contentType("application/json").body(Map.of("from", "2026-12-01", "providers", List.of("paypal")))
                .post("/api/admin/reconciliation/runs").then().statusCode(422);
        given().header("Authorization", DevTokens.bearer(DevTokens.user("not-admin")))
                .get("/api/admin/reconciliation?date=2026-12-01").then().statusCode(403);

        // A day long ago with nothing at the providers: both runs DONE, empty bills, nothing different.
        LocalDate quiet = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(ThreadLocalRandom.current().nextInt(3000, 6000));
        for (JsonPath run : reconcile(quiet)) {
            assertEquals(0, run.getLong("bill.payments"));
            assertEquals(0, run.getList("items").size());
        }

        // Past payment.reconciliation.retention (from when a run last ran), the job forgets it.
        Db.sql("UPDATE recon_run SET updated_at = '2001-01-01' WHERE bill_date = '" + quiet + "'");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> admin()
                .get("/api/admin/reconciliation?date=" + quiet).then().statusCode(200).extract().jsonPath().getList("$").isEmpty());
    }

    private static String refundsProviderOf(List<Payment> paid, Refund refund) {
        return paid.stream().filter(p -> p.paySn().equals(refund.paySn()) && p.channel().startsWith("WECHAT"))
                .map(Payment::paySn).findFirst().orElse("");
    }

    private Payment pay(String channel, long amountFen) {
        CreatePayment request = CreatePayment.of(Api.unique("R"), amountFen, "Course", channel);
        if (channel.equals("WECHAT_JSAPI")) {
            request = request.withOpenid("o-recon");
        } else if (channel.equals("WECHAT_H5")) {
            request = request.withPayerClientIp("203.0.113.9");
        }
        Payment created = client.createPayment(request);
        if (channel.equals("ALIPAY_WAP") || channel.equals("ALIPAY_PC")) {
            Sandbox.openCashier((String) created.prepay().get("payUrl")).then().statusCode(200);
        }
        Sandbox.pay(created.paySn());
        return created;
    }

    private void awaitState(List<Payment> payments, String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> payments.stream().allMatch(p -> state.equals(Db.payment(p.paySn()).state.name())));
    }

    /** Queues the day and waits for both providers' runs to end. */
    private static List<JsonPath> reconcile(LocalDate day) {
        admin().contentType("application/json").body(Map.of("from", day.toString())).post("/api/admin/reconciliation/runs")
                .then().statusCode(202);
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonPath runs = admin().get("/api/admin/reconciliation?date=" + day).then().statusCode(200).extract().jsonPath();
            List<String> states = runs.getList("state", String.class);
            if (states.size() < 2 || !states.stream().allMatch("DONE"::equals)) {
                return null;
            }
            List<JsonPath> each = new ArrayList<>();
            for (Object run : runs.getList("$")) {
                each.add(new JsonPath(JSON.writeValueAsString(run)));
            }
            return each;
        }, java.util.Objects::nonNull);
    }

    /** Per provider: "KIND paySn refundSn STATE", refund numbers the bill made up as "?", unknown trades as one line. */
    private static Map<String, Set<String>> differences(List<JsonPath> runs) {
        Map<String, Set<String>> found = new HashMap<>();
        for (JsonPath run : runs) {
            Set<String> items = new TreeSet<>();
            for (Map<String, Object> d : run.<Map<String, Object>>getList("items")) {
                String paySn = (String) d.get("paySn");
                String refundSn = (String) d.getOrDefault("refundSn", "");
                boolean madeUp = refundSn != null && refundSn.startsWith("XREF");
                items.add(d.get("kind") + " " + (paySn.startsWith("XTRA") ? "? (never created)" : paySn) + " "
                        + (madeUp ? "?" : refundSn == null ? "" : refundSn) + " " + d.get("state"));
            }
            found.put(run.getString("provider"), items);
        }
        return found;
    }

    private static Map<String, Integer> alertOccurrences(List<Payment> payments) {
        Map<String, Integer> occurrences = new HashMap<>();
        for (Payment p : payments) {
            for (PaymentAlert a : Db.alerts(p.paySn())) {
                occurrences.put(a.paySn + " " + a.kind + " " + a.subject, a.occurrences);
            }
        }
        return occurrences;
    }

    private static PaygateClient newApp() {
        String appId = "recon-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath app = admin().contentType("application/json").body(Map.of("appId", appId, "name", "Reconciled shop",
                "channels", List.of(CHANNELS))).post("/api/admin/apps").then().statusCode(201).extract().jsonPath();
        return PaygateClient.builder().baseUri(URI.create("http://127.0.0.1:" + RestAssured.port)).appId(appId)
                .secret(app.getString("secret")).build();
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-finance")));
    }
}
