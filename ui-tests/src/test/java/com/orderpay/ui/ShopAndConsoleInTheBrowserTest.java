package com.orderpay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo storefront and the operations console in a real headless Chromium, against the whole system on random
 * ports: a buyer buys, pays later, pays, cancels and meets an out-of-stock problem; an operator finds a stuck order,
 * runs a reconciliation and sees its finding and the alert it raised; a USER gets no console. Every page is saved as
 * a screenshot in {@code target/screenshots/}, on a desktop and on a phone-sized window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopAndConsoleInTheBrowserTest {

    private static final String MUG = "SKU-MUG";
    private static final String TEE = "SKU-TEE";

    private static Browser browser;
    private static String stuckOrderNo;
    private static Instant stuckOrderExpiresAt;
    private static String ghostOrderNo;

    @BeforeAll
    static void startSystemAndBrowser() {
        Assumptions.assumeTrue(Browser.installed(), "Chromium and chromedriver are not installed (/usr/bin/chromium, "
                + "/usr/bin/chromedriver): the browser tests are skipped. Install them with "
                + "'apt-get install -y chromium chromium-driver' (.ci/run does).");
        Operator operator = new Operator(BrowserStack.gateway());
        operator.sku(MUG, "Blue mug", "12.50", 20);
        operator.sku(TEE, "Orderpay T-shirt", "20.00", 1);
        operator.credit("alice", "100.00");
        // the stuck order: a pay-later order no expiry layer will ever expire (they are off in this order-service)
        operator.credit("bob", "50.00");
        JsonNode stuck = operator.placeToPayLater("bob", MUG, 1);
        stuckOrderNo = stuck.path("orderNo").asText();
        stuckOrderExpiresAt = Instant.parse(stuck.path("expiresAt").asText());
        // a finding for real: money taken for no order, which a run refunds
        operator.credit("carol", "30.00");
        ghostOrderNo = Operator.debitWithoutOrder(BrowserStack.get().dbHostPort(), "carol", "7.00");
        browser = new Browser(BrowserStack.gateway());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aUserWithoutTheAdminRoleGetsNoConsoleAndItCallsNothing() {
        browser.forgetSession("/console/");
        browser.type("#user-id", "alice");
        browser.click("#role-admin"); // unticked: USER only
        browser.click("#sign-in-button");

        String notice = browser.find("#admin-required").getText();

        assertThat(notice).contains("ADMIN role required");
        assertThat(browser.all("#orders")).isEmpty();
        assertThat(browser.fetched()).noneMatch(url -> url.contains("/api/admin/"));
        browser.screenshot("console-user-refused");
    }

    @Test
    @Order(2)
    void aBuyerBuysPaysLaterPaysCancelsAndIsToldWhatOutOfStockMeans() {
        browser.forgetSession("/shop/");
        browser.type("#user-id", "alice");
        browser.click("#sign-in-button");
        browser.find("[data-sku='" + MUG + "']");
        assertThat(browser.waitForText("#wallet-available", "100.00")).isEqualTo("100.00");
        browser.screenshot("shop-catalogue");

        // buys two mugs, paid at once
        browser.type("#qty-" + MUG, "2");
        browser.click("#add-" + MUG);
        browser.click("#pay-now");
        browser.click("#place-order");
        assertThat(browser.waitForText("#message", "is paid")).startsWith("Thank you! Order ");
        assertThat(browser.waitForText("#wallet-available", "75.00")).isEqualTo("75.00");

        // one mug to pay later: held, with its countdown
        browser.type("#qty-" + MUG, "1");
        browser.click("#add-" + MUG);
        browser.click("#pay-later");
        browser.click("#place-order");
        assertThat(browser.waitForText("#message", "held for you")).contains("pay it within");
        WebElement unpaid = browser.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//tr[td/span[contains(@class,'AWAITING_PAYMENT')]]")));
        String laterOrderNo = unpaid.getAttribute("data-order-no");
        assertThat(unpaid.findElement(By.cssSelector(".countdown")).getText()).matches("0:[0-1][0-9]|0:20");
        browser.screenshot("shop-pay-later-countdown");

        // ... and pays it
        unpaid.findElement(By.cssSelector("button.pay")).click();
        assertThat(browser.waitForText("#message", "is paid")).contains(laterOrderNo);
        assertThat(browser.waitForText("[data-order-no='" + laterOrderNo + "'] .order-status", "paid")).isEqualTo("paid");
        assertThat(browser.waitForText("#wallet-available", "62.50")).isEqualTo("62.50");

        // another to pay later, cancelled: nothing charged
        browser.type("#qty-" + MUG, "1");
        browser.click("#add-" + MUG);
        browser.click("#pay-later");
        browser.click("#place-order");
        browser.waitForText("#message", "held for you");
        WebElement toCancel = browser.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//tr[td/span[contains(@class,'AWAITING_PAYMENT')]]")));
        String cancelledOrderNo = toCancel.getAttribute("data-order-no");
        toCancel.findElement(By.cssSelector("button.cancel")).click();
        assertThat(browser.waitForText("#message", "is cancelled")).contains(cancelledOrderNo, "nothing was charged");
        browser.waitForText("[data-order-no='" + cancelledOrderNo + "'] .order-status", "cancelled");
        assertThat(browser.find("#wallet-available").getText()).isEqualTo("62.50");

        // two T-shirts of the one there is: the problem in words, nothing moved
        browser.type("#qty-" + TEE, "2");
        browser.click("#add-" + TEE);
        browser.click("#pay-now");
        browser.click("#place-order");
        String problem = browser.waitForText("#message", "not enough in stock");
        assertThat(problem).startsWith("Sorry, there is not enough in stock").contains("\"Orderpay T-shirt\"")
                .contains("Nothing was reserved and nothing was charged").doesNotContain(TEE);
        assertThat(browser.find("#message").getAttribute("class")).contains("error");
        assertThat(browser.find("#wallet-available").getText()).isEqualTo("62.50");
        assertThat(browser.find("#ledger").getText()).contains("paid", "held for a payment", "top-up");
        browser.screenshot("shop-out-of-stock");

        browser.resize(Browser.PHONE);
        try {
            browser.find("#catalogue");
            browser.screenshot("shop-phone");
        } finally {
            browser.resize(Browser.DESKTOP);
        }
    }

    @Test
    @Order(3)
    void anOperatorFindsTheStuckOrderRunsAReconciliationAndSeesTheFindingAndTheAlert() throws Exception {
        browser.forgetSession("/console/");
        browser.type("#user-id", "ops");
        browser.click("#sign-in-button");
        browser.find("#orders");

        // the order is stuck once its deadline passed; a run judges it once the grace period passed too
        sleepUntil(stuckOrderExpiresAt.plusSeconds(1));
        browser.click("#order-stuck");
        browser.click("#search-orders");
        WebElement stuckRow = browser.find("tr.stuck[data-order-no='" + stuckOrderNo + "']");
        assertThat(stuckRow.getText()).contains("bob", "AWAITING_PAYMENT", "past its deadline");
        browser.screenshot("console-stuck-orders");

        stuckRow.findElement(By.cssSelector("button.open-order")).click();
        assertThat(browser.waitForText("#story-history", "PLACEMENT_CONFIRMED")).contains("PLACEMENT_TRIED");
        assertThat(browser.find("#story-reservation").getText()).contains(MUG, "HELD");
        assertThat(browser.find("#story-placed-xid").getText()).isNotBlank();
        browser.screenshot("console-order-story");

        sleepUntil(stuckOrderExpiresAt.plus(BrowserStack.RECONCILIATION_GRACE).plusSeconds(3));
        browser.click("#tab-reconciliation");
        browser.click("#start-run");
        String ended = browser.until(d -> {
            String text = d.findElement(By.id("message")).getText();
            return text.contains("completed") || text.contains("failed") ? text : null;
        });
        assertThat(ended).contains("completed");
        WebElement findings = browser.find("#findings-table");
        assertThat(findings.findElement(By.cssSelector("tr[data-kind='DEBIT_WITHOUT_PAID_ORDER']")).getText())
                .contains(ghostOrderNo, "REPAIRED");
        assertThat(findings.findElement(By.cssSelector("tr[data-kind='OVERDUE_UNPAID_ORDER']")).getText())
                .contains(stuckOrderNo, "FLAGGED");
        assertThat(browser.find("#runs-table").getText()).contains("ON_DEMAND", "ops");
        browser.screenshot("console-reconciliation");

        // The run shows "completed" a moment before compensation-service evaluates the alerts that read it, and the
        // tab loads the alerts when it is shown: an operator who looks too soon shows it again.
        String alertRow = browser.until(d -> {
            browser.click("#tab-alerts");
            try {
                return d.findElements(By.cssSelector("tr.alert-row[data-rule='unrepaired-findings']")).stream()
                        .map(WebElement::getText).findFirst().orElse(null);
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return null;
            }
        });
        assertThat(alertRow).contains("FIRING");
        browser.until(d -> d.findElement(By.id("tab-alerts")).getText().matches("(?s).*Alerts\\s*[1-9].*") ? true : null);
        browser.screenshot("console-alerts");

        browser.click("#tab-stock");
        assertThat(browser.find("tr[data-sku='" + MUG + "']").getText()).contains("Blue mug");
        browser.find("tr[data-sku='" + MUG + "'] button").click();
        assertThat(browser.waitForText("#holds-table", stuckOrderNo)).contains("HELD");
        browser.screenshot("console-stock");

        browser.click("#tab-wallets");
        browser.type("#wallet-user", "carol");
        browser.click("#open-wallet");
        assertThat(browser.waitForText("#wallet-ledger", "REFUND")).contains(ghostOrderNo);
        assertThat(browser.find("#wallet-available").getText()).isEqualTo("30.00");
        browser.screenshot("console-wallet");

        browser.click("#tab-traffic");
        browser.until(d -> !d.findElement(By.id("traffic-summary")).getText().startsWith("No traffic") ? true : null);
        assertThat(browser.find("#traffic-summary").getText()).contains("placements/s", "payments paid",
                "1 order-service replica");
        assertThat(browser.script("return !!Chart.getChart('throughput-chart') && Chart.getChart('throughput-chart')"
                + ".data.labels.length > 0")).isEqualTo(true);
        browser.screenshot("console-traffic");

        browser.resize(Browser.PHONE);
        try {
            browser.click("#tab-orders");
            browser.find("#order-results");
            browser.screenshot("console-phone");
        } finally {
            browser.resize(Browser.DESKTOP);
        }
        // the console read everything through the public admin API (it has no other way in)
        assertThat(browser.fetched()).filteredOn(url -> url.contains("/api/"))
                .allMatch(url -> url.contains("/api/admin/") || url.contains("/api/dev/tokens"));
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), moment);
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }
}
