package dev.fetchcors.autoconfigure.web;

import org.junit.jupiter.api.Test;

import org.springframework.core.SpringVersion;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one bridge between the Framework lines, on whichever line runs the tests: on 6.2 (Boot 3.5) these calls fail
 * with {@code NoSuchMethodError} if made directly from classes compiled against 7.
 */
class SpringWebCompatibilityTests {

    @Test
    void readsEveryLineOfAHeader() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Origin", "https://a.example");
        headers.add("origin", "https://b.example");
        assertThat(SpringWebCompatibility.get(headers, "ORIGIN")).containsExactly("https://a.example",
                "https://b.example");
        assertThat(SpringWebCompatibility.get(headers, "Vary")).isNull();
    }

    @Test
    void removesEveryLineOfAHeader() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Access-Control-Allow-Origin", "*");
        headers.add("Access-Control-Allow-Origin", "https://a.example");
        headers.add("Vary", "Origin");
        SpringWebCompatibility.remove(headers, "access-control-allow-origin");
        assertThat(SpringWebCompatibility.get(headers, "Access-Control-Allow-Origin")).isNull();
        assertThat(headers.getFirst("Vary")).isEqualTo("Origin");
        assertThat(SpringVersion.getVersion()).as("a Framework line this starter claims").matches("(6\\.2|7\\.\\d+)\\..*");
    }

}
