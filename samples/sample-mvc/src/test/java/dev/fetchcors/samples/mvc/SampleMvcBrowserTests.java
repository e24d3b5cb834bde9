package dev.fetchcors.samples.mvc;

import dev.fetchcors.samples.browser.SamplePageBrowserTest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The Spring MVC sample on Tomcat, driven by headless Chromium. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleMvcBrowserTests extends SamplePageBrowserTest {

}
