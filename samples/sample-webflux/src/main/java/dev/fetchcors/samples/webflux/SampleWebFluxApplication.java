package dev.fetchcors.samples.webflux;

import java.util.Map;

import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.SamplePage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

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

    /**
     * An echo on the API origin. WebFlux checks no origin of its own: the starter refuses handshakes from origins
     * its policy does not allow.
     */
    @Bean
    HandlerMapping socketMapping() {
        WebSocketHandler echo = (session) -> session
            .send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
        return new SimpleUrlHandlerMapping(Map.of(SamplePage.API_PATH_PREFIX + "socket", echo), -1);
    }

    @Bean
    ExchangeRecordingWebFilter exchangeRecordingWebFilter(ExchangeJournal journal) {
        return new ExchangeRecordingWebFilter(journal);
    }

}
