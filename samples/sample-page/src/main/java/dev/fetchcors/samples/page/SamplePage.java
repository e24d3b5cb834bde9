package dev.fetchcors.samples.page;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Imported by each sample application. The page itself is in {@code META-INF/resources/} of this jar, a location
 * Spring Boot serves static content from on both web stacks.
 */
@Configuration(proxyBeanMethods = false)
@Import(SamplePageController.class)
public class SamplePage {

    /** Requests under this path are recorded in the {@link ExchangeJournal}. */
    public static final String API_PATH_PREFIX = "/api/";

    @Bean
    ExchangeJournal exchangeJournal() {
        return new ExchangeJournal();
    }

}
