package dev.fetchcors.samples.webflux;

import dev.fetchcors.samples.browser.RefusedOriginBrowserTest;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The Spring WebFlux sample on Netty, with a page on a refused origin in headless Chromium: its form POST, no-cors
 * fetch POST, cors-mode GET and sandboxed form reach Netty and are refused with 403 before the handler, which the
 * same form and fetch from the sample's own page run.
 */
// Browser behaviour, not Boot compatibility (CrossOriginProtectionHttpTests covers every line): first line only.
@Tag("first-line")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWebFluxRefusedOriginBrowserTests extends RefusedOriginBrowserTest {

}
