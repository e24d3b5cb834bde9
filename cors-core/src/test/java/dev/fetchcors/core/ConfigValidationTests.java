package dev.fetchcors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every configuration the contract refuses (section 5), each reported with its property and value.
 */
class ConfigValidationTests {

    private static final String GOOD = "https://app.example.com";

    /** Rows: what is wrong, the configuration, the property named, the value named, a word from the reason. */
    static Stream<Arguments> refused() {
        List<Arguments> rows = new ArrayList<>();
        // Origins that are not serialized origins: each second in the list, so the index is checked too.
        String[][] origins = { { "https://app.example.com/", "slash" }, { "https://app.example.com/api", "path" },
                { "app.example.com", "scheme" }, { "//app.example.com", "scheme" },
                { "https://user@app.example.com", "user" }, { "https://user:pw@app.example.com", "user" },
                { "HTTPS://app.example.com", "lower case" }, { "https://App.Example.com", "lower case" },
                { "https://app.example.com:443", "default port" }, { "http://app.example.com:80", "default port" },
                { "https://app.example.com:0", "port" }, { "https://app.example.com:65536", "port" },
                { "https://app.example.com:", "port" }, { "https://app_1.example.com", "character '_'" },
                { "https://app..example.com", "valid domain" }, { "https://-app.example.com", "valid domain" },
                { "https://app.example.com.", "dot" }, { "https://bücher.example.com", "non-ASCII" },
                { "https://app.example.com?x", "query" }, { "https://app.example.com#x", "fragment" },
                { "https://[::FFFF]", "lower case" }, { "https://[0:0:0:0:0:0:0:1]", "IPv6" },
                { "https://[::1", "bracket" }, { "http://010.0.0.1", "IPv4" }, { "http://127.1", "IPv4" },
                { " https://app.example.com", "whitespace" }, { "", "empty" }, { "  ", "empty" },
                { "null", "null" }, { "file://", "only http and https" }, { "file:///etc/passwd", "only http" },
                { "ftp://app.example.com", "only http" }, { "chrome-extension://abc", "only http" },
                { "ws://app.example.com", "only http" } };
        for (String[] origin : origins) {
            rows.add(arguments("origin " + origin[0], config((b) -> b.allowedOrigins(GOOD, origin[0])),
                    "allowed-origins[1]", origin[0], origin[1]));
        }
        String[][] patterns = { { "https://app*.example.com", "whole leftmost label" },
                { "https://*", "whole leftmost label" }, { "https://*.*.example.com", "whole leftmost label" },
                { "https://*example.com", "whole leftmost label" }, { "https://example.*", "whole leftmost label" },
                { "https://a.*.example.com", "whole leftmost label" }, { "*://app.example.com", "scheme" },
                { "*.example.com", "scheme" }, { "https://*.example.com:8*", "whole leftmost label" },
                { "https://*.example.com:443:*", "port" }, { "https://example.com:8080:*", "port" },
                { "https://*.example.com/", "slash" }, { "https://*.Example.com", "lower case" },
                { "https://*.127.0.0.1", "IPv4" }, { "https://*.[::1]", "not a valid origin" },
                { "https://*.com", "public suffix" }, { "https://*.co.uk", "public suffix" },
                { "https://*.github.io", "public suffix" }, { "https://*.ck", "public suffix" },
                { "https://*.anything.ck", "public suffix" }, { "http://*.com:*", "public suffix" } };
        for (String[] pattern : patterns) {
            rows.add(arguments("pattern " + pattern[0], config((b) -> b.allowedOrigins(GOOD, pattern[0])),
                    "allowed-origins[1]", pattern[0], pattern[1]));
        }
        rows.add(arguments("'*' with credentials", config((b) -> b.allowedOrigins(GOOD, "*").allowCredentials(true)),
                "allowed-origins[1]", "*", "allow-credentials"));
        rows.add(arguments("http origin with credentials",
                config((b) -> b.allowedOrigins(GOOD, "http://app.example.com").allowCredentials(true)),
                "allowed-origins[1]", "http://app.example.com", "network"));
        rows.add(arguments("http pattern with credentials",
                config((b) -> b.allowedOrigins(GOOD, "http://*.example.com").allowCredentials(true)),
                "allowed-origins[1]", "http://*.example.com", "network"));
        rows.add(arguments("http private address with credentials",
                config((b) -> b.allowedOrigins(GOOD, "http://192.168.1.10:8080").allowCredentials(true)),
                "allowed-origins[1]", "http://192.168.1.10:8080", "network"));

        // Send-only origins: checked as allowed origins are, never '*', never http:// off loopback.
        String[][] senders = { { "*", "every site" }, { "null", "null" }, { "https://idp.example/", "slash" },
                { "http://idp.example", "network" }, { "https://*.com", "public suffix" },
                { "ftp://idp.example", "only http" }, { GOOD, "allowed-origins too" } };
        for (String[] sender : senders) {
            rows.add(arguments("send-only origin " + sender[0],
                    config((b) -> b.allowedOrigins(GOOD).sendOnlyOrigins("https://ok.example", sender[0])),
                    "send-only-origins[1]", sender[0], sender[1]));
        }

        String[][] methods = { { "PU T", "token" }, { "", "token" }, { "PUT,DELETE", "token" },
                { "CONNECT", "forbid" }, { "trace", "forbid" }, { "TRACK", "forbid" }, { "put", "upper case" },
                { "delete", "upper case" }, { "Options", "upper case" } };
        for (String[] method : methods) {
            rows.add(arguments("method " + method[0], config((b) -> b.allowedOrigins(GOOD).allowedMethods("PUT",
                    method[0])), "allowed-methods[1]", method[0], method[1]));
        }
        String[][] headers = { { "Cookie", "forbidden" }, { "host", "forbidden" }, { "Origin", "forbidden" },
                { "Content-Length", "forbidden" }, { "Access-Control-Request-Headers", "forbidden" },
                { "Sec-Fetch-Mode", "forbidden" }, { "Proxy-Authorization", "forbidden" },
                { "Set-Cookie", "forbidden" }, { "X Request", "token" }, { "X-Request:", "token" },
                { "", "token" }, { "X-Réquest", "token" }, { "Access-Control-Allow-Origin", "copied" },
                { "access-control-allow-headers", "response header" }, { "Access-Control-Max-Age", "copied" },
                { "Access-Control-Expose-Headers", "response header" } };
        for (String[] header : headers) {
            rows.add(arguments("allowed header " + header[0], config((b) -> b.allowedOrigins(GOOD)
                .allowedHeaders("X-Request-Id", header[0])), "allowed-headers[1]", header[0], header[1]));
        }
        String[][] exposed = { { "Set-Cookie", "never expose" }, { "set-cookie2", "never expose" },
                { "X Total", "token" }, { "X-Total,Count", "token" },
                { "Access-Control-Request-Method", "copied from a request" },
                { "access-control-request-headers", "request header" },
                { "Access-Control-Request-Private-Network", "request header" } };
        for (String[] header : exposed) {
            rows.add(arguments("exposed header " + header[0], config((b) -> b.allowedOrigins(GOOD)
                .exposedHeaders("X-Total-Count", header[0])), "exposed-headers[1]", header[0], header[1]));
        }
        rows.add(arguments("exposed '*' with credentials", config((b) -> b.allowedOrigins(GOOD)
            .exposedHeaders("X-Total-Count", "*")
            .allowCredentials(true)), "exposed-headers[1]", "*", "literally"));
        rows.add(arguments("negative max-age", config((b) -> b.allowedOrigins(GOOD).maxAge(Duration.ofSeconds(-1))),
                "max-age", "-1s", "negative"));
        rows.add(arguments("max-age over 24 hours", config((b) -> b.allowedOrigins(GOOD)
            .maxAge(Duration.ofHours(24).plusSeconds(1))), "max-age", "86401s", "24 hours"));
        rows.add(arguments("'*' origins with private network access", config((b) -> b.allowedOrigins("*")
            .allowPrivateNetwork(true)), "allow-private-network", "true", "dangerously-allow-private-network"));
        rows.add(arguments("'*' among other origins with private network access", config((b) -> b
            .allowedOrigins(GOOD, "*")
            .allowPrivateNetwork(true)), "allow-private-network", "true", "every public site"));
        for (int status : new int[] { 0, 201, 302, 403, 500 }) {
            rows.add(arguments("preflight-status " + status, config((b) -> b.allowedOrigins(GOOD)
                .preflightStatus(status)), "preflight-status", Integer.toString(status), "204"));
        }
        rows.add(arguments("a candidate's bad origin", config((b) -> b.allowedOrigins(GOOD)
            .candidate(CorsConfig.builder().allowedOrigins("https://app.example.com/").build())),
                "candidate.allowed-origins[0]", "https://app.example.com/", "slash"));
        rows.add(arguments("a candidate in shadow mode", config((b) -> b.allowedOrigins(GOOD)
            .candidate(CorsConfig.builder().allowedOrigins(GOOD).mode(CorsConfig.Mode.SHADOW).build())),
                "candidate.mode", "shadow", "no mode of its own"));
        rows.add(arguments("a candidate beside a policy in shadow mode", config((b) -> b.allowedOrigins(GOOD)
            .mode(CorsConfig.Mode.SHADOW)
            .candidate(CorsConfig.builder().allowedOrigins(GOOD).build())), "mode", "shadow", "enforce"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedConfigurationNamesPropertyAndValue(String what, CorsConfig config, String property, String value,
            String reasonWord) {
        assertThatExceptionOfType(CorsConfigException.class).isThrownBy(() -> CorsPolicy.compile(config))
            .satisfies((ex) -> {
                assertThat(ex.problems()).hasSize(1);
                ConfigProblem problem = ex.problems().get(0);
                assertThat(problem.property()).isEqualTo(property);
                assertThat(problem.value()).isEqualTo(value);
                assertThat(problem.reason() + " " + problem.fix()).containsIgnoringCase(reasonWord);
                assertThat(problem.fix()).isNotBlank();
                assertThat(ex.getMessage()).contains("Property: " + property + System.lineSeparator()
                        + "    Value: \"" + value + "\"");
                assertThat(problem.withPrefix("app.cors").property()).isEqualTo("app.cors." + property);
            });
    }

    @Test
    void everyProblemIsReportedAtOnceInPropertyOrder() {
        CorsConfig config = CorsConfig.builder()
            .allowedOrigins("https://ok.example", "https://bad.example/", "*", "http://insecure.example")
            .allowedMethods("PUT", "TRACE")
            .allowedHeaders("Cookie")
            .exposedHeaders("*")
            .allowCredentials(true)
            .maxAge(Duration.ofDays(2))
            .preflightStatus(201)
            .build();
        assertThatExceptionOfType(CorsConfigException.class).isThrownBy(() -> CorsPolicy.compile(config))
            .satisfies((ex) -> assertThat(ex.problems()).extracting(ConfigProblem::property)
                .containsExactly("allowed-origins[1]", "allowed-origins[2]", "allowed-origins[3]",
                        "allowed-methods[1]", "allowed-headers[0]", "exposed-headers[0]", "max-age",
                        "preflight-status"))
            .withMessageStartingWith("Invalid CORS configuration (8 problems):");
    }

    @Test
    void malformedOriginsComeWithTheLikelyIntendedOne() {
        assertThat(fixFor("HTTPS://App.Example.com:443/path")).contains("\"https://app.example.com\"");
        assertThat(fixFor("https://user@app.example.com/")).contains("\"https://app.example.com\"");
        assertThat(fixFor("http://localhost:80")).contains("\"http://localhost\"");
        assertThat(fixFor("app.example.com")).doesNotContain("\"");
    }

    private static String fixFor(String origin) {
        try {
            CorsPolicy.compile(CorsConfig.builder().allowedOrigins(origin).build());
        }
        catch (CorsConfigException ex) {
            return ex.problems().get(0).fix();
        }
        throw new AssertionError("Accepted " + origin);
    }

    @Test
    void riskyButLegitimateSettingsNeedTheirDangerousOptIn() {
        assertThatNoException().isThrownBy(() -> CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("https://*.github.io", "https://*.co.uk")
            .dangerouslyAllowPublicSuffixWildcards(true)
            .build()));
        assertThatNoException().isThrownBy(() -> CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("http://intranet.example", "http://*.intranet.example")
            .allowCredentials(true)
            .dangerouslyAllowInsecureOriginsWithCredentials(true)
            .build()));
        assertThatNoException().isThrownBy(() -> CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("*")
            .allowPrivateNetwork(true)
            .dangerouslyAllowPrivateNetworkFromAnyOrigin(true)
            .build()));
        // The opt-ins are for those risks only.
        assertThatExceptionOfType(CorsConfigException.class).isThrownBy(() -> CorsPolicy.compile(CorsConfig
            .builder()
            .allowedOrigins("*", "https://app*.example.com")
            .allowCredentials(true)
            .dangerouslyAllowPublicSuffixWildcards(true)
            .dangerouslyAllowInsecureOriginsWithCredentials(true)
            .dangerouslyAllowPrivateNetworkFromAnyOrigin(true)
            .build())).satisfies((ex) -> assertThat(ex.problems()).hasSize(2));
    }

    @Test
    void validConfigurationsCompile() {
        assertThatNoException().isThrownBy(() -> CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:8080",
                    "http://localhost:*", "https://*.example.com:*", "https://[2001:db8::1]:8443",
                    "https://xn--bcher-kva.example")
            .allowedMethods("PUT", "DELETE", "PATCH", "patch", "PROPFIND", "*")
            .allowedHeaders("Authorization", "Content-Type", "X-Request-Id", "*")
            .exposedHeaders("X-Total-Count", "ETag")
            .allowCredentials(true)
            .allowPrivateNetwork(true)
            .maxAge(Duration.ofHours(24))
            .preflightStatus(200)
            .build()));
        assertThatNoException().isThrownBy(() -> CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("*")
            .exposedHeaders("*")
            .maxAge(Duration.ZERO)
            .build()));
        assertThatNoException().isThrownBy(() -> CorsPolicy.compile(CorsConfig.builder().build()));
    }

    @Test
    void nullEntriesAreProblemsNotExceptions() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatExceptionOfType(CorsConfigException.class).isThrownBy(() -> CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins(withNull)
            .allowedMethods(withNull)
            .allowedHeaders(withNull)
            .exposedHeaders(withNull)
            .build())).satisfies((ex) -> assertThat(ex.problems()).hasSize(4));
    }

    private static CorsConfig config(UnaryOperator<CorsConfig.Builder> customizer) {
        return customizer.apply(CorsConfig.builder()).build();
    }

}
