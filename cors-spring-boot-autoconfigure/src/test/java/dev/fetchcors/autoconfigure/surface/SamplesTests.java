package dev.fetchcors.autoconfigure.surface;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/** A path each kind of pattern matches, and an origin each kind of entry allows. */
class SamplesTests {

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = { "/api/orders /api/orders", "/api/accounts/{id} /api/accounts/1",
            "/api/** /api/1", "/** /1", "/files/{*path} /files/1", "/files/*.pdf /files/1.pdf", "/a?c /a1c",
            "/items/{id:[a-z]+} /items/x", "/codes/{code:\\d{3}} /codes/123", "/actuator/cors/** /actuator/cors/1" })
    void aPathThePatternMatches(String pattern, String path) {
        assertThat(Samples.path(PathPatternParser.defaultInstance.parse(pattern))).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = { "/items/{id:[A-Z]{8}}" })
    void noneWhereNoValueTriedFits(String pattern) {
        assertThat(Samples.path(PathPatternParser.defaultInstance.parse(pattern))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = { "https://app.example.com https://app.example.com",
            "https://*.example.com https://any.example.com", "http://localhost:* http://localhost:8443",
            "https://*.example.com:* https://any.example.com:8443" })
    void anOriginTheEntryAllows(String entry, String origin) {
        assertThat(Samples.origin(entry)).isEqualTo(origin);
    }

}
