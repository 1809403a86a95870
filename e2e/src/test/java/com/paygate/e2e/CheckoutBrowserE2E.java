package com.paygate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.testing.DevTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * A payer on a phone: opens the checkout page, picks WeChat Pay, pays on the provider's (sandbox's) H5 page, comes
 * back and sees "Paid" only once the payment service says so. Headless Debian chromium; the final screen is kept
 * as target/e2e/checkout-paid.png.
 */
class CheckoutBrowserE2E {

    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    private static Platform platform;
    private ChromeDriver browser;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=390,844", "--user-agent=" + PHONE,
                "--user-data-dir=" + Files.createTempDirectory(platform.work, "chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void payerChecksOutWithWeChatH5AndSeesPaidOnlyWhenTheServerSaysSo() throws Exception {
        String token = DevTokens.user("browser-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
        JsonNode order = PaySuccessE2E.call("POST", platform.url(platform.orderPort) + "/api/orders", token,
                Map.of("productId", 5, "quantity", 1), 201);
        String orderSn = order.get("orderSn").asText();

        browser.get(platform.url(platform.paymentPort) + "/checkout/" + orderSn + "#token=" + token);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("order-details")));
        assertEquals("88.00", browser.findElement(By.id("order-amount")).getText(), "amount in yuan from the server's fen");

        browser.findElement(By.id("pay-wechat")).click();
        // The sandbox's H5 cashier, as WeChat's would be.
        wait.until(ExpectedConditions.urlContains("/sandbox/checkout/"));
        String cashier = browser.getCurrentUrl();

        // The payer comes back without paying: the page asks the server and shows the payment waiting, not paid,
        // over several polls (2 s apart).
        browser.get(platform.url(platform.paymentPort) + "/checkout/" + orderSn);
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("status-text")), "data-state"));
        for (int poll = 0; poll < 3; poll++) {
            WebElement status = browser.findElement(By.id("status-text"));
            assertEquals("NOTPAY", status.getAttribute("data-state"), "the server has no payment yet");
            assertNotEquals("Paid", status.getText());
            Thread.sleep(2_100);
        }

        // Now the payer pays at the cashier.
        browser.get(cashier);
        WebElement payButton = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()='Pay' or @id='pay' or @data-outcome='SUCCESS']")));
        payButton.click();

        wait.until(ExpectedConditions.urlContains("/checkout/" + orderSn));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(
                By.id("status-text"), "data-state", "SUCCESS"));
        assertEquals("Paid", browser.findElement(By.id("status-text")).getText());

        Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, platform.work.resolve("checkout-paid.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
