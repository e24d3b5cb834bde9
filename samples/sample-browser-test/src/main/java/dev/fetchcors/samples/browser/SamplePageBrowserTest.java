package dev.fetchcors.samples.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.ExchangeJournal.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a sample's page in headless Chromium, runs every call on it, and checks what the browser itself allowed
 * and blocked, and which requests, preflights included, reached the server. A subclass makes it a
 * {@code @SpringBootTest} of one sample on a random port.
 *
 * <p>The browser is {@link Chromium}'s. Set the system property {@code fetchcors.screenshot} to a file name to save a screenshot of the page after the
 * calls ran.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class SamplePageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Chromium chromium;

    private static WebDriver browser;

    @Autowired
    private ExchangeJournal journal;

    @Autowired
    private Environment environment;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @BeforeEach
    void requireBrowser() {
        chromium.assumeAvailable();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
            chromium = null;
            browser = null;
        }
    }

    @Test
    @Order(3)
    void browserAllowsAndBlocksEachCallAsThePolicySays() throws IOException {
        long before = this.journal.lastId();
        String pageOrigin = scheme() + "://localhost:" + this.environment.getRequiredProperty("local.server.port");
        browser.get(pageOrigin + "/");
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        wait.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        browser.findElement(By.id("run-all")).click();
        wait.until((driver) -> !driver.findElement(By.id("summary")).getText().isEmpty());
        saveScreenshotIfAsked();

        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("7 allowed, 3 blocked by the browser");
        List<Exchange> exchanges = this.journal.after(before);
        assertThat(exchanges).allSatisfy((exchange) -> assertThat(exchange.status()).isBetween(101, 499));

        // A simple request: sent directly, the answer names the page's origin.
        Call simple = call("simple-get");
        assertThat(simple.outcome()).isEqualTo("allowed");
        assertThat(simple.result()).startsWith("200").contains("Hello from Spring");
        assertThat(simple.preflightPredicted()).isFalse();
        assertThat(simple.preflightSeen()).isFalse();
        // Two GETs of /api/greeting: this one, and the one older clients preflight, below.
        List<Exchange> greetings = matching(exchanges, "GET", "/api/greeting", false);
        assertThat(greetings).hasSize(2);
        Exchange greeting = greetings.get(0);
        assertThat(greeting.status()).isEqualTo(200);
        assertThat(greeting.corsResponseHeaders()).containsEntry("Access-Control-Allow-Origin", pageOrigin)
            .containsEntry("Access-Control-Allow-Credentials", "true");
        assertThat(greeting.corsResponseHeaders().get("Vary")).containsIgnoringCase("Origin");

        Call credentialed = call("credentialed-get");
        assertThat(credentialed.outcome()).isEqualTo("allowed");
        assertThat(credentialed.result()).startsWith("200").contains("guest");
        assertThat(single(exchanges, "GET", "/api/me", false).corsResponseHeaders())
            .containsEntry("Access-Control-Allow-Origin", pageOrigin)
            .containsEntry("Access-Control-Allow-Credentials", "true");

        // Preflighted: the preflight reached the server and was answered before the PUT was sent.
        Call put = call("json-put");
        assertThat(put.outcome()).isEqualTo("allowed");
        assertThat(put.preflightPredicted()).isTrue();
        assertThat(put.preflightSeen()).isTrue();
        assertThat(put.result()).startsWith("200").contains("Blue mug")
            .contains("X-Request-Id read by the script: req-42");
        Exchange putPreflight = single(exchanges, "OPTIONS", "/api/items/42", true, "PUT");
        assertThat(putPreflight.accessControlRequestHeaders()).isEqualToIgnoringCase("content-type,x-request-id");
        assertThat(putPreflight.status()).isEqualTo(204);
        assertThat(putPreflight.corsResponseHeaders()).containsEntry("Access-Control-Allow-Origin", pageOrigin)
            .containsEntry("Access-Control-Allow-Credentials", "true")
            .containsEntry("Access-Control-Max-Age", "10");
        assertThat(putPreflight.corsResponseHeaders().get("Access-Control-Allow-Methods")).contains("PUT");
        assertThat(putPreflight.corsResponseHeaders().get("Access-Control-Allow-Headers"))
            .containsIgnoringCase("content-type")
            .containsIgnoringCase("x-request-id");
        Exchange putItself = single(exchanges, "PUT", "/api/items/42", false);
        assertThat(putItself.id()).isGreaterThan(putPreflight.id());
        assertThat(putItself.corsResponseHeaders().get("Access-Control-Expose-Headers"))
            .containsIgnoringCase("X-Request-Id");

        // Refused preflights: 403 without CORS headers, and the request itself is never sent.
        Call refusedMethod = call("refused-method");
        assertThat(refusedMethod.outcome()).isEqualTo("blocked");
        assertThat(refusedMethod.result()).contains("Blocked by the browser: TypeError")
            .contains("refused the preflight (403)");
        assertRefused(single(exchanges, "OPTIONS", "/api/items/42", true, "DELETE"));
        assertThat(matching(exchanges, "DELETE", "/api/items/42", false)).isEmpty();

        Call refusedHeader = call("refused-header");
        assertThat(refusedHeader.outcome()).isEqualTo("blocked");
        assertThat(refusedHeader.preflightPredicted()).isTrue();
        assertThat(refusedHeader.result()).contains("Blocked by the browser: TypeError");
        Exchange headerPreflight = greetingPreflight(exchanges, "x-debug");
        assertRefused(headerPreflight);

        // Older clients' X-Requested-With makes a GET preflighted; the policy lists it, so the GET follows.
        Call forced = call("forced-preflight");
        assertThat(forced.outcome()).isEqualTo("allowed");
        assertThat(forced.preflightPredicted()).isTrue();
        assertThat(forced.preflightSeen()).isTrue();
        assertThat(greetingPreflight(exchanges, "x-requested-with").status()).isEqualTo(204);

        // The WebSocket echo: no CORS, the handshake's Origin is judged by the same policy.
        Call socket = call("websocket");
        assertThat(socket.outcome()).isEqualTo("allowed");
        assertThat(socket.result()).contains("echo: hello over WebSocket");

        // The per-path policy: any origin, so "*", which the browser refuses for a credentialed call.
        Call open = call("public-get");
        assertThat(open.outcome()).isEqualTo("allowed");
        assertThat(open.result()).startsWith("200").contains("up");
        Call openWithCredentials = call("public-credentialed");
        assertThat(openWithCredentials.outcome()).isEqualTo("blocked");
        assertThat(openWithCredentials.result()).contains("Blocked by the browser: TypeError")
            .contains("The server answered 200");
        List<Exchange> status = matching(exchanges, "GET", "/api/public/status", false);
        assertThat(status).hasSize(2).allSatisfy((exchange) -> {
            assertThat(exchange.status()).isEqualTo(200);
            // Any origin without credentials: the same answer for every origin, so no Vary.
            assertThat(exchange.corsResponseHeaders()).containsEntry("Access-Control-Allow-Origin", "*")
                .doesNotContainKeys("Access-Control-Allow-Credentials", "Vary");
        });
    }

    // First: the browser's preflight cache starts empty, so the first call preflights.
    @Test
    @Order(1)
    void aPreflightIsCachedForMaxAgeAndSentAgainAfterIt() throws InterruptedException {
        Assumptions.assumeTrue(checksPreflightCache(), "the preflight cache is checked over HTTP/1.1 only");
        openPage("localhost");
        Call first = send("cached-put");
        assertThat(first.outcome()).isEqualTo("allowed");
        assertThat(first.preflightSeen()).isTrue();
        long cachedAt = System.nanoTime();
        // Within max-age (10 s): the browser reuses the cached answer and sends the PUT alone.
        Call again = send("cached-put");
        assertThat(again.outcome()).isEqualTo("allowed");
        assertThat(again.preflightSeen()).isFalse();
        assertThat(again.result()).contains("No preflight this time");
        // After max-age: a preflight again.
        Thread.sleep(Math.max(0, Duration.ofSeconds(11).toMillis() - (System.nanoTime() - cachedAt) / 1_000_000));
        Call later = send("cached-put");
        assertThat(later.outcome()).isEqualTo("allowed");
        assertThat(later.preflightSeen()).isTrue();
    }

    @Test
    @Order(2)
    void aWebSocketOpensFromTheAllowedOriginAndNotFromAThirdOne() {
        openPage("localhost");
        Call allowed = send("websocket");
        assertThat(allowed.outcome()).isEqualTo("allowed");
        assertThat(allowed.result()).contains("echo: hello over WebSocket");

        // 127.0.0.2 is loopback too, but not an origin the sample's policy lists.
        long before = this.journal.lastId();
        openPage("127.0.0.2");
        Call refused = send("websocket");
        assertThat(refused.outcome()).isEqualTo("blocked");
        assertThat(refused.result()).contains("refused the handshake (403)");
        Exchange handshake = single(this.journal.after(before), "GET", "/api/socket", false);
        assertThat(handshake.status()).isEqualTo(403);
        // The same page's fetches are refused too: the origin is not listed.
        assertThat(send("simple-get").outcome()).isEqualTo("blocked");
    }

    /**
     * Whether to check the browser's preflight cache, which waits out max-age (11 seconds) and does not depend on
     * the protocol: once per sample is enough.
     */
    protected boolean checksPreflightCache() {
        return true;
    }

    /** How the sample is served: {@code http}, or {@code https} for a subclass that serves it over TLS. */
    protected String scheme() {
        return "http";
    }

    /** The browser, open on the page once a test has opened it. */
    protected static WebDriver browser() {
        return browser;
    }

    /**
     * Opens the page from a host, on the sample's port and scheme, and waits until it is ready.
     *
     * @param host {@code localhost}, {@code 127.0.0.1} or {@code 127.0.0.2}
     */
    protected void openPage(String host) {
        browser.get(scheme() + "://" + host + ":" + this.environment.getRequiredProperty("local.server.port") + "/");
        new WebDriverWait(browser, TIMEOUT)
            .until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /**
     * Clicks a call's Send button and waits until the call has run once more.
     *
     * @param id the call's {@code data-call} name, such as {@code simple-get}
     * @return the outcome the page shows: {@code allowed} or {@code blocked}
     */
    protected static String sendCall(String id) {
        return send(id).outcome();
    }

    /** Clicks a call's Send button and waits until the call has run once more. */
    private static Call send(String id) {
        WebElement section = browser.findElement(By.cssSelector("[data-call='" + id + "']"));
        String sends = String.valueOf(section.getDomAttribute("data-sends"));
        section.findElement(By.className("send")).click();
        new WebDriverWait(browser, TIMEOUT)
            .until((driver) -> !sends.equals(String.valueOf(section.getDomAttribute("data-sends"))));
        return call(id);
    }

    private static void assertRefused(Exchange preflight) {
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.corsResponseHeaders()).doesNotContainKeys("Access-Control-Allow-Origin",
                "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Allow-Credentials");
        assertThat(preflight.corsResponseHeaders().get("Vary")).containsIgnoringCase("Origin");
    }

    /** The one preflight for a GET of /api/greeting that asked for this header. */
    private static Exchange greetingPreflight(List<Exchange> exchanges, String header) {
        List<Exchange> found = matching(exchanges, "OPTIONS", "/api/greeting", true, "GET").stream()
            .filter((exchange) -> header.equalsIgnoreCase(exchange.accessControlRequestHeaders()))
            .toList();
        assertThat(found).as("preflight asking for %s among %s", header, exchanges).hasSize(1);
        return found.get(0);
    }

    private static Exchange single(List<Exchange> exchanges, String method, String path, boolean preflight,
            String... requestMethod) {
        List<Exchange> found = matching(exchanges, method, path, preflight, requestMethod);
        assertThat(found).as("%s %s (preflight: %s) among %s", method, path, preflight, exchanges).hasSize(1);
        return found.get(0);
    }

    private static List<Exchange> matching(List<Exchange> exchanges, String method, String path, boolean preflight,
            String... requestMethod) {
        return exchanges.stream()
            .filter((exchange) -> exchange.method().equals(method) && exchange.path().equals(path)
                    && exchange.preflight() == preflight
                    && (requestMethod.length == 0 || requestMethod[0].equals(exchange.accessControlRequestMethod())))
            .toList();
    }

    private static Call call(String id) {
        WebElement section = browser.findElement(By.cssSelector("[data-call='" + id + "']"));
        return new Call(section.getDomAttribute("data-outcome"), section.findElement(By.className("result")).getText(),
                Boolean.parseBoolean(section.getDomAttribute("data-preflight-predicted")),
                Boolean.parseBoolean(section.getDomAttribute("data-preflight-seen")));
    }

    private static void saveScreenshotIfAsked() throws IOException {
        String target = System.getProperty("fetchcors.screenshot");
        if (target == null || target.isBlank()) {
            return;
        }
        // A viewport 1200 wide and at least 900 high, tall enough for the whole page.
        JavascriptExecutor script = (JavascriptExecutor) browser;
        long width = ((Number) script.executeScript("return window.innerWidth")).longValue();
        long height = ((Number) script.executeScript("return window.innerHeight")).longValue();
        long page = ((Number) script.executeScript("return document.documentElement.scrollHeight")).longValue();
        Dimension window = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(window.getWidth() + (int) (1200 - width),
                window.getHeight() + (int) (Math.max(900, page) - height)));
        Path file = Path.of(target).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One call as the page shows it after it ran. */
    private record Call(String outcome, String result, boolean preflightPredicted, boolean preflightSeen) {
    }

}
