package dev.fetchcors.samples.webflux;

import dev.fetchcors.samples.browser.SamplePageBrowserTest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The Spring WebFlux sample on Netty, driven by headless Chromium. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWebFluxBrowserTests extends SamplePageBrowserTest {

}
