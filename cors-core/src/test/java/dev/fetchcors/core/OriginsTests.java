package dev.fetchcors.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict origin parsing: what is accepted, where the host and port are, and how each refusal is explained.
 */
class OriginsTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "https://example.com, true, example.com, 0", "http://example.com:8080, false, example.com, 8080",
            "http://localhost:3000, false, localhost, 3000", "http://[::1]:8080, false, [::1], 8080",
            "https://[2001:db8::1], true, [2001:db8::1], 0", "http://127.0.0.1, false, 127.0.0.1, 0",
            "https://a, true, a, 0", "http://1.2.3.4x, false, 1.2.3.4x, 0", "https://x:65535, true, x, 65535",
            "https://xn--bcher-kva.example, true, xn--bcher-kva.example, 0" })
    void serializedOriginsParse(String origin, boolean https, String host, int port) {
        long parsed = Origins.parse(origin);
        assertThat(parsed).isNotEqualTo(Origins.INVALID);
        assertThat(Origins.isHttps(parsed)).isEqualTo(https);
        assertThat(origin.substring(Origins.hostStart(parsed), Origins.hostEnd(parsed))).isEqualTo(host);
        assertThat(Origins.port(parsed)).isEqualTo(port);
        assertThat(Origins.problem(origin)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = { 63, 64 })
    void labelsAreAtMost63Characters(int length) {
        String origin = "https://" + "a".repeat(length) + ".example";
        assertThat(Origins.parse(origin) != Origins.INVALID).isEqualTo(length <= 63);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = { 253, 254 })
    void hostsAreAtMost253Characters(int length) {
        StringBuilder host = new StringBuilder();
        while (host.length() < length) {
            host.append((host.length() + 2 <= length) ? "a." : "a");
        }
        String name = host.toString().endsWith(".") ? host.substring(0, host.length() - 1) + "b" : host.toString();
        assertThat(name).hasSize(length);
        String origin = "https://" + name + ":65535";
        assertThat(Origins.parse(origin) != Origins.INVALID).isEqualTo(length <= 253);
        assertThat(Origins.problem(origin) == null).isEqualTo(length <= 253);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = { "null|opaque origin", "''|empty", "https://example.com/|ends with a slash",
            "https://example.com/a|has a path", "https://u@example.com|user information",
            "https://example.com?q|query", "https://example.com#f|fragment", "HTTPS://example.com|scheme is not in lower",
            "https://EXAMPLE.com|not in lower case", "example.com|no scheme", "ftp://example.com|not http or https",
            "https://|no host", "https://:8080|no host", "https://example.com:443|default port :443",
            "http://example.com:80|default port :80", "https://example.com:08080|not a number from 1 to 65535",
            "https://example.com:65536|not a number", "https://exa_mple.com|character '_'",
            "https://example.com.|ends with a dot", "https://-example.com|neither a valid domain",
            "https://127.0.0.01|neither a valid domain", "https://[::1|no closing bracket",
            "https://[0::1]|canonical form", "https://[::1]x|after its IPv6", "https://ex ample.com|whitespace",
            "https://bücher.example|non-ASCII" })
    void refusalsAreExplained(String origin, String words) {
        assertThat(Origins.parse(origin)).isEqualTo(Origins.INVALID);
        assertThat(Origins.problem(origin)).contains(words);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = { 268, 10_000, 1_000_000 })
    void overlongValuesAreRefusedBeforeParsing(int length) {
        String origin = "https://" + "a".repeat(length - 8);
        assertThat(Origins.parse(origin)).isEqualTo(Origins.INVALID);
        assertThat(Origins.problem(origin)).contains("longer than any origin can be (267 characters)");
    }

}
