package dev.fetchcors.samples.webflux;

import dev.fetchcors.samples.browser.SamplePageBrowserTest;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The Spring WebFlux sample on Netty, driven by headless Chromium. */
// The browser's verdict on headers the HTTP tests check on every line: on the first line only (./test).
@Tag("first-line")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWebFluxBrowserTests extends SamplePageBrowserTest {

}
