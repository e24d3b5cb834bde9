package dev.fetchcors.samples.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.ExchangeJournal.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.FluentWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page on a site the sample's policy refuses makes headless Chromium send what any page may send without a
 * preflight: a form {@code POST}, a {@code no-cors} fetch {@code POST} that includes credentials, a cors-mode
 * {@code GET}, and a form {@code POST} from a sandboxed frame ({@code Origin: null}). Each reaches the server, as
 * the sample's journal shows, and is refused with 403 before the application: the handler, which counts its runs,
 * never runs. The same form and fetch from a page of the application itself run it. A subclass makes it a
 * {@code @SpringBootTest} of one sample on a random port.
 *
 * <p>The other site is a server of its own on {@code 127.0.0.2}: loopback, but no origin the samples' policy lists
 * ({@code http://localhost:*}, {@code http://127.0.0.1:*}). Its page holds nothing; each test writes into it what a
 * page wanting an order placed in the user's name would.
 */
@Import(RefusedOriginBrowserTest.Orders.class)
public abstract class RefusedOriginBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String OTHER_HOST = "127.0.0.2";

    private static final String ORDERS = "/api/orders";

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static HttpServer otherSite;

    @Autowired
    private ExchangeJournal journal;

    @Autowired
    private Orders orders;

    @Autowired
    private Environment environment;

    @BeforeAll
    static void startOtherSite() throws IOException {
        otherSite = HttpServer.create(new InetSocketAddress(OTHER_HOST, 0), 0);
        otherSite.createContext("/", (exchange) -> {
            byte[] page = "<!doctype html><title>Another site</title><h1>Another site</h1>"
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        otherSite.start();
    }

    @AfterAll
    static void stopOtherSite() {
        if (otherSite != null) {
            otherSite.stop(0);
            otherSite = null;
        }
    }

    @Test
    void aFormPostFromARefusedOriginRunsNothing() {
        // The page navigates to the answer: the user sees a 403 in place of an order placed in their name.
        open(otherSite());
        Exchange form = refused("the form POST", "POST", () -> postForm(orders()));
        assertThat(form.origin()).isEqualTo(otherSite());
    }

    @Test
    void aNoCorsFetchPostWithCredentialsFromARefusedOriginRunsNothing() {
        // The script gets an opaque answer, whatever happened: only the server can tell.
        open(otherSite());
        Map<String, Object> init = Map.of("method", "POST", "mode", "no-cors", "credentials", "include", "body",
                "{\"item\":\"mug\"}");
        Exchange post = refused("the no-cors fetch POST", "POST",
                () -> assertThat(fetch(orders(), init)).isEqualTo("opaque 0 "));
        assertThat(post.origin()).isEqualTo(otherSite());
    }

    @Test
    void aCorsModeGetFromARefusedOriginRunsNothing() {
        // Refused, so the browser gives the script an error in place of the answer.
        open(otherSite());
        Exchange get = refused("the cors-mode GET", "GET",
                () -> assertThat(fetch(orders(), Map.of("credentials", "include"))).isEqualTo("TypeError"));
        assertThat(get.origin()).isEqualTo(otherSite());
    }

    @Test
    void aFormPostFromASandboxedFrameOnARefusedOriginRunsNothing() {
        // A sandboxed frame has an opaque origin: its form is sent with Origin: null.
        open(otherSite());
        Exchange sandboxed = refused("the form POST from a sandboxed frame", "POST", () -> script().executeScript("""
                const frame = document.createElement('iframe');
                frame.sandbox = 'allow-forms allow-scripts';
                frame.srcdoc = '<form method="post" action="' + arguments[0] + '"><input name="item" value="mug">'
                    + '</form><script>document.forms[0].submit()</' + 'script>';
                document.body.append(frame);
                """, orders()));
        assertThat(sandboxed.origin()).isEqualTo("null");
    }

    @Test
    void aFormPostFromThePageOfTheApplicationItselfRunsTheHandler() {
        open(application() + "/");
        Run form = runs("the form POST", "POST", () -> postForm(orders()));
        assertThat(form.origin()).isEqualTo(application());
        assertThat(form.site()).isEqualTo("same-origin");
        assertThat(form.mode()).isEqualTo("navigate");
    }

    @Test
    void aFetchPostFromThePageOfTheApplicationItselfRunsTheHandler() {
        open(application() + "/");
        Map<String, Object> init = Map.of("method", "POST", "credentials", "include", "body", "{\"item\":\"mug\"}");
        Run post = runs("the fetch POST", "POST",
                () -> assertThat(fetch(orders(), init)).isEqualTo("basic 200 ordered"));
        assertThat(post.origin()).isEqualTo(application());
        assertThat(post.site()).isEqualTo("same-origin");
        assertThat(post.mode()).isEqualTo("cors");
    }

    /** The other site's origin. */
    private static String otherSite() {
        return "http://" + OTHER_HOST + ":" + otherSite.getAddress().getPort();
    }

    /** The handler's URL. */
    private String orders() {
        return application() + ORDERS;
    }

    /** The sample's own origin, on the name its policy allows. */
    private String application() {
        return "http://localhost:" + this.environment.getRequiredProperty("local.server.port");
    }

    /**
     * Sends a request from the open page and checks that it reached the server, was refused with 403 and did not
     * run the handler.
     *
     * @return the request as the server's journal recorded it
     */
    private Exchange refused(String what, String method, Runnable send) {
        int runs = this.orders.count();
        Exchange exchange = send(method, send);
        assertThat(this.orders.since(runs)).as("%s: what the handler saw (%s)", what, exchange).isEmpty();
        assertThat(exchange.status()).as("%s: %s", what, exchange).isEqualTo(403);
        assertThat(exchange.corsResponseHeaders()).as("%s: %s", what, exchange)
            .doesNotContainKeys("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials");
        return exchange;
    }

    /**
     * Sends a request from the open page and checks that it ran the handler once.
     *
     * @return what the handler saw
     */
    private Run runs(String what, String method, Runnable send) {
        int runs = this.orders.count();
        Exchange exchange = send(method, send);
        assertThat(exchange.status()).as("%s: %s", what, exchange).isEqualTo(200);
        List<Run> seen = this.orders.since(runs);
        assertThat(seen).as("%s: what the handler saw", what).hasSize(1);
        return seen.get(0);
    }

    /** Runs {@code send} and waits until the server has answered the request it made. */
    private Exchange send(String method, Runnable send) {
        long before = this.journal.lastId();
        send.run();
        return new FluentWait<>(this.journal).withTimeout(TIMEOUT)
            .pollingEvery(Duration.ofMillis(50))
            .withMessage(() -> "No answered " + method + " " + ORDERS + " among " + this.journal.after(before))
            .until((journal) -> journal.after(before)
                .stream()
                .filter((exchange) -> exchange.method().equals(method) && exchange.path().equals(ORDERS)
                        && exchange.status() != 0)
                .findFirst()
                .orElse(null));
    }

    private static void open(String url) {
        chromium.driver().get(url);
    }

    /** Submits a form the open page adds to itself; the page navigates to the answer. */
    private static void postForm(String action) {
        script().executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const item = document.createElement('input');
                item.name = 'item';
                item.value = 'mug';
                form.append(item);
                document.body.append(form);
                form.submit();
                """, action);
    }

    /**
     * Runs {@code fetch(url, init)} on the open page.
     *
     * @return the answer's type, status and body as the script sees them, or the name of the error it got
     */
    private static String fetch(String url, Map<String, Object> init) {
        return (String) script().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], arguments[1])
                    .then((response) => response.text()
                        .then((body) => done(`${response.type} ${response.status} ${body}`)))
                    .catch((error) => done(error.name));
                """, url, init);
    }

    private static JavascriptExecutor script() {
        return (JavascriptExecutor) chromium.driver();
    }

    /**
     * What the handler saw of a request that ran it.
     *
     * @param method the method
     * @param origin the {@code Origin} header, or {@code null}
     * @param site the {@code Sec-Fetch-Site} header, or {@code null}
     * @param mode the {@code Sec-Fetch-Mode} header, or {@code null}
     */
    record Run(String method, String origin, String site, String mode) {
    }

    /** A handler with a side effect, as placing an order has: it records each time it runs. */
    @RestController
    static class Orders {

        private final List<Run> runs = new CopyOnWriteArrayList<>();

        @RequestMapping(path = ORDERS, method = { RequestMethod.GET, RequestMethod.POST })
        String order(HttpMethod method, @RequestHeader HttpHeaders headers) {
            this.runs.add(new Run(method.name(), headers.getFirst("Origin"), headers.getFirst("Sec-Fetch-Site"),
                    headers.getFirst("Sec-Fetch-Mode")));
            return "ordered";
        }

        int count() {
            return this.runs.size();
        }

        /** The runs after the first {@code count}, oldest first. */
        List<Run> since(int count) {
            List<Run> all = List.copyOf(this.runs);
            return all.subList(count, all.size());
        }

    }

}
