package com.paygate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.paygate.testing.DevTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The checkout page in headless Debian Chromium against the four packaged services, one payer per test: a desktop
 * scanning the WeChat and Alipay codes (read back from the screenshot with ZXing and compared with what the
 * provider answered), the Alipay desktop cashier, a phone paying through WeChat H5, WeChat's in-app JSAPI
 * cancelled then retried, the countdown running out, and a provider or proxy failing. Each final screen is kept
 * under target/e2e/checkout-*.png. The page is Chinese unless the browser prefers English.
 */
class CheckoutBrowserE2E extends PlatformE2E {

    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    private static final String WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN";
    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private ChromeDriver browser;
    private WebDriverWait wait;

    private void open(String userAgent, String windowSize, String acceptLanguage) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + windowSize, "--user-agent=" + userAgent,
                "--lang=" + acceptLanguage.split(",")[0], "--accept-lang=" + acceptLanguage,
                "--user-data-dir=" + Files.createTempDirectory(platform.work, "chromium-"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void desktopPayerScansTheWeChatCodeAndSeesPaidInChinese() throws Exception {
        scanToPay("WECHAT_NATIVE", "codeUrl", "checkout-wechat-native");
    }

    @Test
    void desktopPayerScansTheAlipayCodeAndSeesPaid() throws Exception {
        scanToPay("ALIPAY_QR", "qrCode", "checkout-alipay-qr");
    }

    private void scanToPay(String channel, String codeField, String screenshot) throws Exception {
        open(DESKTOP, "1280,900", "zh-CN,zh");
        String token = token();
        String orderSn = order(token);
        checkout(orderSn, token);

        // A desktop is offered the codes and the web cashier, never H5 or JSAPI, in Chinese.
        assertEquals(List.of("WECHAT_NATIVE", "ALIPAY_QR", "ALIPAY_PC"), offered());
        assertEquals("待支付", browser.findElement(By.id("order-state")).getText());
        String countdown = browser.findElement(By.id("countdown-time")).getText();
        assertTrue(countdown.matches("(29|30):\\d\\d"), "minutes left of a 30-minute order: " + countdown);

        browser.findElement(By.id("pay-" + channel)).click();
        WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image")));
        wait.until(d -> Boolean.TRUE.equals(browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)));
        assertTrue(qr.getSize().getWidth() >= 250, "big enough for a phone camera: " + qr.getSize());
        assertEquals(0, qr.getSize().getWidth() % 8, "whole pixels per module (8): " + qr.getSize());
        assertEquals("88.00", browser.findElement(By.id("qr-amount")).getText());
        assertTrue(browser.findElement(By.id("qr-countdown")).getText().matches("\\d\\d:\\d\\d"));
        String scanned = scan(qr);

        // What the provider answered for this payment (a repeat POST answers the same payment).
        JsonNode payment = PaySuccessE2E.call("POST", platform.url(platform.paymentPort) + "/api/payments", token,
                Map.of("orderSn", orderSn, "channel", channel), 200);
        assertEquals(payment.get("prepay").get(codeField).asText(), scanned, "the code on screen is the provider's");
        wait.until(ExpectedConditions.attributeToBe(By.id("status-text"), "data-state", "NOTPAY")); // polling started
        assertEquals("待支付", browser.findElement(By.id("status-text")).getText());
        Files.write(platform.work.resolve(screenshot + ".png"), browser.getScreenshotAs(OutputType.BYTES));

        // The payer's phone opens what it scanned and pays; the desktop page learns it from its poll.
        String phonePage = channel.equals("WECHAT_NATIVE")
                ? "/sandbox/checkout/wechat-native?code_url=" + URLEncoder.encode(scanned, StandardCharsets.UTF_8)
                : "/sandbox/checkout/alipay-qr?qr_code=" + URLEncoder.encode(scanned, StandardCharsets.UTF_8);
        payOnThePhone(platform.url(platform.sandboxPort) + phonePage);
        awaitPaid("支付成功");
        assertFalse(browser.findElement(By.id("qr")).isDisplayed(), "the code is gone once paid");
        assertFalse(browser.findElement(By.id("choose")).isDisplayed());
        Files.write(platform.work.resolve(screenshot + "-paid.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void desktopPayerPaysAtTheAlipayWebCashierAndComesBackToPaid() throws Exception {
        open(DESKTOP, "1280,900", "zh-CN,zh");
        String token = token();
        String orderSn = order(token);
        checkout(orderSn, token);
        browser.findElement(By.id("pay-ALIPAY_PC")).click();
        wait.until(ExpectedConditions.urlContains("/gateway.do"));
        assertTrue(browser.getPageSource().contains("88.00"), "the desktop cashier shows the amount");
        browser.findElement(By.id("pay")).click();
        wait.until(ExpectedConditions.urlContains("/checkout/" + orderSn));
        awaitPaid("支付成功");
    }

    @Test
    void phonePayerChecksOutWithWeChatH5InEnglishAndSeesPaidOnlyWhenTheServerSaysSo() throws Exception {
        open(PHONE, "390,844", "en-US,en");
        String token = token();
        String orderSn = order(token);
        checkout(orderSn, token);
        assertEquals(List.of("WECHAT_H5", "ALIPAY_WAP"), offered(), "a phone browser gets H5 and WAP");
        assertEquals("Waiting for payment", browser.findElement(By.id("order-state")).getText());

        browser.findElement(By.id("pay-WECHAT_H5")).click();
        wait.until(ExpectedConditions.urlContains("/sandbox/checkout/"));
        String cashier = browser.getCurrentUrl();

        // The payer comes back without paying: the page asks the server and shows the payment waiting, over
        // several polls.
        browser.get(platform.url(platform.paymentPort) + "/checkout/" + orderSn);
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("status-text")), "data-state"));
        for (int poll = 0; poll < 3; poll++) {
            WebElement status = browser.findElement(By.id("status-text"));
            assertEquals("NOTPAY", status.getAttribute("data-state"), "the server has no payment yet");
            assertEquals("Waiting for payment", status.getText(), "a state in words, never the enum");
            Thread.sleep(2_100);
        }

        browser.get(cashier);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
        wait.until(ExpectedConditions.urlContains("/checkout/" + orderSn));
        awaitPaid("Paid");
        Files.write(platform.work.resolve("checkout-paid.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Inside WeChat the page waits for WeixinJSBridgeReady and calls getBrandWCPayRequest. The bridge here is a
     * stand-in that records the call and answers cancel, then ok: after cancel the payer may pay again; after ok
     * the page still shows only what the server says (not paid until the sandbox pays).
     */
    @Test
    void inWeChatACancelledJsapiPaymentCanBeRetriedAndOkIsNotTakenForPaid() throws Exception {
        open(WECHAT, "390,844", "zh-CN,zh");
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__bridgeCalls = [];
                window.__bridgeAnswers = ['get_brand_wcpay_request:cancel', 'get_brand_wcpay_request:ok'];
                setTimeout(function () {
                  window.WeixinJSBridge = { invoke: function (name, args, callback) {
                    window.__bridgeCalls.push({ name: name, args: args });
                    var answer = window.__bridgeAnswers.shift() || 'get_brand_wcpay_request:fail';
                    setTimeout(function () { callback({ err_msg: answer }); }, 100);
                  } };
                  document.dispatchEvent(new Event('WeixinJSBridgeReady'));
                }, 500);
                """));
        String token = DevTokens.user("browser-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
        String orderSn = order(token);
        checkout(orderSn, token);
        assertEquals(List.of("WECHAT_JSAPI"), offered(), "inside WeChat only JSAPI");

        browser.findElement(By.id("pay-WECHAT_JSAPI")).click();
        wait.until(ExpectedConditions.textToBe(By.id("error"), "您已取消支付，可以重新支付。"));
        assertTrue(browser.findElement(By.id("pay-WECHAT_JSAPI")).isEnabled(), "the payer can try again");
        Files.write(platform.work.resolve("checkout-jsapi-cancelled.png"), browser.getScreenshotAs(OutputType.BYTES));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> calls = (List<Map<String, Object>>) browser.executeScript("return window.__bridgeCalls");
        assertEquals("getBrandWCPayRequest", calls.get(0).get("name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> args = (Map<String, Object>) calls.get(0).get("args");
        assertTrue(String.valueOf(args.get("package")).startsWith("prepay_id="), args.toString());
        assertEquals("RSA", args.get("signType"));

        // The second time WeChat says ok, but nobody paid: the page believes the server, which says waiting.
        browser.findElement(By.id("pay-WECHAT_JSAPI")).click();
        wait.until(d -> ((Number) browser.executeScript("return window.__bridgeCalls.length")).intValue() == 2);
        Thread.sleep(4_500);
        assertEquals("NOTPAY", browser.findElement(By.id("status-text")).getAttribute("data-state"));
        assertEquals("待支付", browser.findElement(By.id("status-text")).getText());

        JsonNode payments = PaySuccessE2E.call("GET", platform.url(platform.paymentPort) + "/api/payments?orderSn=" + orderSn,
                token, null, 200);
        assertEquals(1, payments.size(), "a retry reuses the payment");
        PaySuccessE2E.call("POST", platform.url(platform.sandboxPort) + "/sandbox/pay", null,
                Map.of("outTradeNo", payments.get(0).get("paySn").asText(), "outcome", "SUCCESS"), -1);
        awaitPaid("支付成功");
    }

    /** The payer's clock runs 6 s before the order's expiry (the server's expireAt): the countdown ends on screen. */
    @Test
    void atExpiryThePageStopsPollingSaysSoAndOffersToStartAgain() throws Exception {
        open(DESKTOP, "1280,900", "zh-CN,zh");
        String token = token();
        JsonNode created = PaySuccessE2E.call("POST", platform.url(platform.orderPort) + "/api/orders", token,
                Map.of("productId", 5, "quantity", 1), 201);
        long skew = Instant.parse(created.get("expireAt").asText()).toEpochMilli() - System.currentTimeMillis() - 6_000;
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(function () { var now = Date.now; Date.now = function () { return now() + " + skew + "; }; })();"));
        String orderSn = created.get("orderSn").asText();
        checkout(orderSn, token);
        String countdown = browser.findElement(By.id("countdown-time")).getText();
        assertTrue(countdown.matches("00:0[0-6]"), countdown);

        browser.findElement(By.id("pay-WECHAT_NATIVE")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("expired")));
        assertEquals("订单已过期", browser.findElement(By.cssSelector("#expired .state")).getText());
        assertEquals("EXPIRED", browser.findElement(By.id("order-state")).getAttribute("data-state"));
        assertFalse(browser.findElement(By.id("qr")).isDisplayed(), "no code to scan after expiry");
        assertFalse(browser.findElement(By.id("choose")).isDisplayed());
        assertTrue(browser.findElement(By.id("restart")).isDisplayed(), "offers to start again");
        Files.write(platform.work.resolve("checkout-expired.png"), browser.getScreenshotAs(OutputType.BYTES));

        // Polling stopped after one last look: no request for the payment goes out any more.
        Thread.sleep(1_500);
        long before = paymentRequests();
        Thread.sleep(5_000);
        assertEquals(before, paymentRequests(), "no poll after expiry");
    }

    @Test
    void aProviderFailureAndAProxysHtmlErrorAreReadableAndThePayerCanRetry() throws Exception {
        open(DESKTOP, "1280,900", "zh-CN,zh");
        String token = token();
        checkout(order(token), token);
        String sandbox = platform.url(platform.sandboxPort);
        try {
            PaySuccessE2E.call("POST", sandbox + "/sandbox/faults", null, Map.of("apiErrorRate", 1), 200);
            browser.findElement(By.id("pay-ALIPAY_QR")).click();
            wait.until(ExpectedConditions.textToBe(By.id("error"), "支付渠道暂时不可用，请稍后重试。"));
            assertTrue(browser.findElement(By.id("pay-ALIPAY_QR")).isEnabled());
            Files.write(platform.work.resolve("checkout-provider-error.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            PaySuccessE2E.call("DELETE", sandbox + "/sandbox/faults", null, null, 200);
        }

        // A proxy in front answers its own HTML 502 page: a sentence, never "SyntaxError: Unexpected token <".
        browser.executeScript("""
                var realFetch = window.fetch;
                window.fetch = function (url, init) {
                  if (String(url).indexOf('/api/payments') === 0 && init && init.method === 'POST') {
                    return Promise.resolve(new Response('<html><body><h1>502 Bad Gateway</h1></body></html>',
                      { status: 502, headers: { 'Content-Type': 'text/html' } }));
                  }
                  return realFetch(url, init);
                };
                """);
        browser.findElement(By.id("pay-WECHAT_NATIVE")).click();
        wait.until(ExpectedConditions.textToBe(By.id("error"), "服务暂时不可用（HTTP 502），请稍后重试。"));
        assertNotEquals(true, browser.findElement(By.id("error")).getText().contains("SyntaxError"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String token() {
        return DevTokens.user("browser-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
    }

    private static String order(String token) throws Exception {
        return PaySuccessE2E.call("POST", platform.url(platform.orderPort) + "/api/orders", token,
                Map.of("productId", 5, "quantity", 1), 201).get("orderSn").asText();
    }

    private void checkout(String orderSn, String token) {
        browser.get(platform.url(platform.paymentPort) + "/checkout/" + orderSn + "#token=" + token);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("order-details")));
        assertEquals("88.00", browser.findElement(By.id("order-amount")).getText(), "amount in yuan from the server's fen");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("choose")));
    }

    private List<String> offered() {
        return browser.findElements(By.cssSelector("#channels button")).stream().map(b -> b.getAttribute("data-channel")).toList();
    }

    private void awaitPaid(String words) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(
                By.id("status-text"), "data-state", "SUCCESS"));
        assertEquals(words, browser.findElement(By.id("status-text")).getText());
        assertFalse(browser.findElement(By.id("countdown")).isDisplayed(), "no countdown once paid");
    }

    /** GETs of /api/payments/{paySn} the page made so far (the browser's own resource timing). */
    private long paymentRequests() {
        return ((Number) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(function (e) { return /\\/api\\/payments\\/[^/]+$/.test(e.name); }).length")).longValue();
    }

    /** What a phone does with a scanned code: opens the provider's page and presses Pay. */
    private static void payOnThePhone(String url) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        Matcher action = Pattern.compile("data-pay-url=\"([^\"]+)\"").matcher(page.body());
        assertTrue(action.find(), page.body());
        PaySuccessE2E.call("POST", platform.url(platform.sandboxPort) + action.group(1), null, Map.of("outcome", "SUCCESS"), 200);
    }

    /** What a phone camera reads from the code on screen (a few looks, as a camera takes several frames). */
    private static String scan(WebElement qr) throws Exception {
        Exception last = null;
        for (int look = 0; look < 5; look++) {
            try {
                var image = ImageIO.read(new ByteArrayInputStream(qr.getScreenshotAs(OutputType.BYTES)));
                return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            } catch (com.google.zxing.ReaderException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the code on screen does not read as a QR code", last);
    }
}
