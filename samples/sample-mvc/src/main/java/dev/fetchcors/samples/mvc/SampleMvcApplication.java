package dev.fetchcors.samples.mvc;

import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.SamplePage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * A Spring MVC application whose CORS comes from the starter and {@code application.yml} alone. Start it and
 * open {@code http://localhost:8080/}.
 */
@SpringBootApplication
@Import(SamplePage.class)
public class SampleMvcApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleMvcApplication.class, args);
    }

    /** Outermost, so that it sees the preflights the CORS filter answers without calling the application. */
    @Bean
    FilterRegistrationBean<ExchangeRecordingFilter> exchangeRecordingFilter(ExchangeJournal journal) {
        FilterRegistrationBean<ExchangeRecordingFilter> registration = new FilterRegistrationBean<>(
                new ExchangeRecordingFilter(journal));
        registration.addUrlPatterns(SamplePage.API_PATH_PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

}
