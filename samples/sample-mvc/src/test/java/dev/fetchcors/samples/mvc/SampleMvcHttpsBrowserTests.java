package dev.fetchcors.samples.mvc;

import java.util.List;

import dev.fetchcors.samples.browser.SamplePageBrowserTest;
import dev.fetchcors.samples.browser.SelfSignedKeyStore;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring MVC sample on Tomcat over HTTPS, where the browser speaks HTTP/2 to it ({@code server.http2.enabled=true}, a
 * self-signed certificate the test makes): every call of the page behaves as over HTTP/1.1 for the page's
 * {@code https} origins, the sockets included, and the calls really went over HTTP/2.
 */
// Browser behaviour, not Boot compatibility: on the first line only (./test).
@Tag("first-line")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.http2.enabled=true",
        "server.ssl.key-store-type=PKCS12", "server.ssl.key-alias=sample",
        "server.ssl.key-store-password=" + SelfSignedKeyStore.PASSWORD,
        "app.cors.allowed-origins=https://localhost:*, https://127.0.0.1:*" })
class SampleMvcHttpsBrowserTests extends SamplePageBrowserTest {

    @DynamicPropertySource
    static void keyStore(DynamicPropertyRegistry registry) {
        registry.add("server.ssl.key-store", () -> SelfSignedKeyStore.path().toString());
    }

    @Override
    protected String scheme() {
        return "https";
    }

    @Override
    protected boolean checksPreflightCache() {
        return false;
    }

    /**
     * The browser reached the server over HTTP/2: the page's own navigation says so (a cross-origin call's protocol
     * is hidden from the page), from either host, and the calls on it are allowed as over HTTP/1.1.
     */
    @Test
    @Order(4)
    void theBrowserSpeaksHttp2ToTheServer() {
        for (String host : List.of("localhost", "127.0.0.1")) {
            openPage(host);
            Object protocol = ((JavascriptExecutor) browser())
                .executeScript("return performance.getEntriesByType('navigation')[0].nextHopProtocol");
            assertThat(protocol).as(host).isEqualTo("h2");
            assertThat(sendCall("json-put")).as(host).isEqualTo("allowed");
        }
    }

}
