package dev.fetchcors.samples.tenants;

import java.time.Duration;

import dev.fetchcors.samples.browser.ChromiumExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenants sample in headless Chromium: the page's origin is not a tenant, so the browser blocks its call; the
 * page adds its origin through the admin call, and within one refresh (two seconds) the browser lets the same call
 * through, without a restart; removed again, it is blocked again.
 */
// Browser behaviour, not Boot compatibility: on the first line only (./test).
@Tag("first-line")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleTenantsBrowserTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @Autowired
    private Environment environment;

    @Test
    void aTenantAddedIsAllowedWithinSecondsWithoutARestart() {
        WebDriver browser = chromium.driver();
        browser.get("http://localhost:" + this.environment.getRequiredProperty("local.server.port") + "/");
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        wait.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.findElement(By.id("source")).getText()).contains("\"name\": \"jdbc\"")
            .contains("\"origins\": 2")
            .contains("https://shop.customer.com/store");

        assertThat(call(browser)).isEqualTo("blocked");

        click(browser, "add", "admin-result");
        assertThat(browser.findElement(By.id("tenants")).getText()).contains("http://localhost:");
        long added = System.nanoTime();
        String outcome = call(browser);
        while (!outcome.equals("allowed") && System.nanoTime() - added < Duration.ofSeconds(10).toNanos()) {
            outcome = call(browser);
        }
        assertThat(outcome).as("allowed within one refresh").isEqualTo("allowed");
        assertThat(Duration.ofNanos(System.nanoTime() - added)).isLessThan(Duration.ofSeconds(5));
        assertThat(browser.findElement(By.id("call-result")).getText()).startsWith("allowed: Hello, tenant http://localhost:");

        click(browser, "remove", "admin-result");
        long removed = System.nanoTime();
        outcome = call(browser);
        while (!outcome.equals("blocked") && System.nanoTime() - removed < Duration.ofSeconds(10).toNanos()) {
            outcome = call(browser);
        }
        assertThat(outcome).as("blocked again once removed").isEqualTo("blocked");
    }

    /** Clicks "Call the API" and waits for its outcome. */
    private static String call(WebDriver browser) {
        WebElement result = browser.findElement(By.id("call-result"));
        String calls = String.valueOf(result.getDomAttribute("data-calls"));
        browser.findElement(By.id("call")).click();
        new WebDriverWait(browser, TIMEOUT).until((driver) -> !calls.equals(String.valueOf(result.getDomAttribute(
                "data-calls"))));
        return result.getDomAttribute("data-outcome");
    }

    private static void click(WebDriver browser, String button, String result) {
        WebElement element = browser.findElement(By.id(result));
        String done = String.valueOf(element.getDomAttribute("data-done"));
        browser.findElement(By.id(button)).click();
        new WebDriverWait(browser, TIMEOUT).until((driver) -> !done.equals(String.valueOf(element.getDomAttribute(
                "data-done"))));
    }

}
