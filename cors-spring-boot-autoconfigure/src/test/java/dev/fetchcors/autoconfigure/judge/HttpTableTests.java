package dev.fetchcors.autoconfigure.judge;

import dev.fetchcors.autoconfigure.http.HttpCases;
import dev.fetchcors.autoconfigure.http.TestApps;

import dev.fetchcors.autoconfigure.http.HttpCase;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the shared HTTP tables against one web stack: a plain application, and one that also uses Spring's own
 * CORS support. Each stack says only how to start those two applications.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpTableTests {

    private ConfigurableApplicationContext plain;

    private ConfigurableApplicationContext interop;

    /** Starts the application with the endpoints of {@link TestController} and an early {@code Vary} filter. */
    abstract ConfigurableApplicationContext startPlain(String... properties);

    /** Starts the application with {@link InteropController} and {@code addCorsMappings} for /mapped/**. */
    abstract ConfigurableApplicationContext startInterop(String... properties);

    @BeforeAll
    void start() {
        this.plain = startPlain(HttpCases.PROPERTIES);
        this.interop = startInterop(HttpCases.PROPERTIES);
    }

    @AfterAll
    void stop() {
        if (this.plain != null) {
            this.plain.close();
        }
        if (this.interop != null) {
            this.interop.close();
        }
    }

    Stream<HttpCase> cases() {
        return HttpCases.cases();
    }

    Stream<HttpCase> interopCases() {
        return HttpCases.interopCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsTheTableSays(HttpCase httpCase) throws Exception {
        HttpCases.run(TestApps.port(this.plain), httpCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interopCases")
    void addsNoSecondSetOfHeadersToSpringsOwnCors(HttpCase httpCase) throws Exception {
        HttpCases.run(TestApps.port(this.interop), httpCase);
    }

}
