package dev.fetchcors.samples.webflux;

import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.SamplePage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A Spring WebFlux application whose CORS comes from the starter and {@code application.yml} alone. Start it and
 * open {@code http://localhost:8081/}.
 */
@SpringBootApplication
@Import(SamplePage.class)
public class SampleWebFluxApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleWebFluxApplication.class, args);
    }

    @Bean
    ExchangeRecordingWebFilter exchangeRecordingWebFilter(ExchangeJournal journal) {
        return new ExchangeRecordingWebFilter(journal);
    }

}
