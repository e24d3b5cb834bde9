package dev.fetchcors.samples.mvc;

import java.io.IOException;

import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.SamplePage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A Spring MVC application whose CORS comes from the starter and {@code application.yml} alone. Start it and
 * open {@code http://localhost:8080/}.
 */
@SpringBootApplication
@EnableWebSocket
@Import(SamplePage.class)
public class SampleMvcApplication implements WebSocketConfigurer {

    public static void main(String[] args) {
        SpringApplication.run(SampleMvcApplication.class, args);
    }

    /**
     * An echo on the API origin. No setAllowedOrigins: the starter refuses handshakes from origins its policy
     * does not allow, and lets the others through Spring's own same-origin check.
     */
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new TextWebSocketHandler() {

            @Override
            protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
                session.sendMessage(new TextMessage(message.getPayload()));
            }

        }, SamplePage.API_PATH_PREFIX + "socket");
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
