package dev.fetchcors.samples.mvc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.fetchcors.samples.browser.ChromiumExtension;
import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.ExchangeJournal.Exchange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample under the {@code shadow} profile, driven by headless Chromium: its old {@code @CrossOrigin} answers
 * every call of the page, as the browser's verdicts and the requests the server saw show, and the report under the
 * calls, read from the actuator, says what the starter would change if it enforced the policy of
 * {@code application.yml}: break the DELETE the old configuration allows, open the WebSocket Spring's same-origin
 * check refuses, and cache preflights for 10 seconds rather than 30 minutes.
 */
// Browser behaviour, not Boot compatibility: on the first line only (./test).
@Tag("first-line")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("shadow")
class SampleMvcShadowBrowserTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @Autowired
    private ExchangeJournal journal;

    @Autowired
    private Environment environment;

    @Test
    void theOldCorsAnswersAndTheReportSaysWhatTheStarterWouldChange() throws Exception {
        WebDriver browser = chromium.driver();
        String port = this.environment.getRequiredProperty("local.server.port");
        long before = this.journal.lastId();
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        wait.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.findElement(By.id("shadow-report")).isDisplayed()).isTrue();
        browser.findElement(By.id("run-all")).click();
        wait.until((driver) -> !driver.findElement(By.id("summary")).getText().isEmpty());

        // The browser's verdicts are @CrossOrigin's: DELETE allowed, the socket refused by Spring's own check.
        assertThat(outcome(browser, "refused-method")).isEqualTo("allowed");
        assertThat(outcome(browser, "websocket")).isEqualTo("blocked");
        assertThat(outcome(browser, "refused-header")).isEqualTo("blocked");
        assertThat(outcome(browser, "json-put")).isEqualTo("allowed");
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("7 allowed, 3 blocked by the browser");
        // Chromium sent the DELETE without a preflight of its own: @CrossOrigin's answer to the PUT's preflight,
        // cached for 30 minutes, lists DELETE.
        List<Exchange> exchanges = this.journal.after(before);
        Exchange putPreflight = exchanges.stream()
            .filter((exchange) -> exchange.preflight() && "PUT".equals(exchange.accessControlRequestMethod())
                    && exchange.path().equals("/api/items/42"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No PUT preflight among " + exchanges));
        assertThat(putPreflight.corsResponseHeaders()).containsEntry("Access-Control-Max-Age", "1800")
            .containsEntry("Access-Control-Allow-Methods", "GET,POST,PUT,DELETE");
        assertThat(exchanges).anyMatch((exchange) -> exchange.method().equals("DELETE") && exchange.status() == 204);

        // The report under the calls.
        List<WebElement> rows = browser.findElements(By.cssSelector("#shadow-entries tr"));
        List<String> verdicts = rows.stream()
            .map((row) -> row.findElement(By.className("verdict")).getText() + " | "
                    + row.findElements(By.tagName("td")).get(1).getText())
            .toList();
        String page = "http://localhost:" + port;
        assertThat(verdicts).containsExactlyInAnyOrder("would break (method) | actual DELETE from " + page,
                "would open (origin) | websocket GET from " + page,
                "would change (max-age) | preflight PUT from " + page,
                "would change (max-age) | preflight GET from " + page);
        assertThat(browser.findElement(By.id("shadow-summary")).getText()).matches(
                "\\d+ differences in \\d+ CORS requests compared since .*");
        assertThat(rows.stream().map((row) -> row.findElements(By.tagName("td")).get(3).getText()).toList())
            .anySatisfy((message) -> assertThat(message).isEqualTo("Would break: the request from '" + page
                    + "' (DELETE) is allowed today, after a preflight the application allowed (or the browser's"
                    + " cached answer to one); the policy's preflight would refuse its method: allowed-methods does"
                    + " not list DELETE. To keep this client working, change allowed-methods. Spring's own CORS"
                    + " answered this path from @CrossOrigin on CrossOriginApiController (/api/greeting,"
                    + " /api/items/{id}, /api/me, /api/notes/{id}), not every path: make the change in a per-path"
                    + " policy for those paths (app.cors.policies[n].path-patterns), so that the rest of the"
                    + " application keeps its answer."));

        // The same report from the actuator, as a monitoring script reads it.
        Map<String, Object> shadow = shadowReport(port);
        assertThat((String) shadow.get("summary")).isEqualTo(
                browser.findElement(By.id("shadow-summary")).getText());
    }

    private static String outcome(WebDriver browser, String call) {
        return browser.findElement(By.cssSelector("[data-call='" + call + "']")).getDomAttribute("data-outcome");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shadowReport(String port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/cors")).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return (Map<String, Object>) JsonParserFactory.getJsonParser().parseMap(response.body()).get("shadow");
    }

}
