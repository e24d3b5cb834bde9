package dev.fetchcors.core;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every row of {@link CorsCases} against the engine.
 */
class CorsCaseTableTests {

    static Stream<CorsCase> cases() {
        return CorsCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void engineAnswersAsTheContractSays(CorsCase row) {
        CorsPolicy policy = CorsPolicy.compile(row.config());
        CorsDecision decision = policy.evaluate(row.request());

        assertThat(decision.kind()).as("kind").isEqualTo(row.kind());
        assertThat(decision.refusal()).as("refusal").isEqualTo(row.refusal());
        assertThat(decision.isAllowed()).as("allowed").isEqualTo(row.kind() != CorsDecision.Kind.NOT_CORS
                && row.refusal() == null);
        assertThat(decision.isAnswered() ? Integer.valueOf(decision.status()) : null).as("answered status")
            .isEqualTo(row.answeredStatus());
        assertThat(decision.headers()).as("headers").isEqualTo(row.headers());
        assertThat(decision.vary()).as("Vary").isEqualTo(row.vary());
        assertThat(decision.reason()).as("reason").isNotBlank().doesNotContain("{}", "{problem}");
        String origin = row.request().header("Origin");
        if (decision.refusal() == CorsDecision.Refusal.ORIGIN && origin != null && !row.request().isRepeated("Origin")
                && origin.chars().allMatch((c) -> c >= 0x20 && c < 0x7F) && origin.length() < 100) {
            // Refused origins are not copied into the (shared) decision; asked with the request, the reason names it.
            assertThat(decision.reason(row.request())).as("reason for the request").contains("'" + origin + "'");
        }
        assertWellFormed(decision);

        // The policy is immutable and the decision request-independent where it can be: a second look agrees.
        CorsDecision again = policy.evaluate(row.request());
        assertThat(again.headers()).isEqualTo(decision.headers());
        assertThat(again.vary()).isEqualTo(decision.vary());
    }

    /** What any decision must satisfy, whatever the request: used here and by the fuzz tests. */
    static void assertWellFormed(CorsDecision decision) {
        Map<String, String> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < decision.headerCount(); i++) {
            String name = decision.headerName(i);
            String value = decision.headerValue(i);
            assertThat(name).startsWith("Access-Control-");
            assertThat(value).as(name).isNotNull();
            // A header value the adapter writes must never carry bytes that split or forge a header.
            assertThat(value.chars().allMatch((c) -> c >= 0x20 && c < 0x7F)).as("%s: %s", name, value).isTrue();
            assertThat(byIndex.put(name, value)).as("each header once: " + name).isNull();
        }
        assertThat(decision.headers()).isEqualTo(byIndex);
        assertThat(decision.isAllowed()).isEqualTo(decision.kind() != CorsDecision.Kind.NOT_CORS
                && decision.refusal() == null);
        if (decision.kind() == CorsDecision.Kind.WEBSOCKET) {
            // WebSocket has no CORS: a handshake is passed on or refused, never answered with CORS headers.
            assertThat(byIndex).isEmpty();
            assertThat(decision.isAnswered()).isEqualTo(!decision.isAllowed());
        }
        else if (decision.isAllowed()) {
            assertThat(byIndex).containsKey("Access-Control-Allow-Origin");
        }
        else if (decision.kind() == CorsDecision.Kind.NOT_CORS && !byIndex.isEmpty()) {
            // A static answer ('*' without credentials) goes on every response and never varies.
            assertThat(byIndex).containsEntry("Access-Control-Allow-Origin", "*");
            assertThat(decision.vary()).isNull();
        }
        else {
            assertThat(byIndex).isEmpty();
        }
        if (decision.isAnswered()) {
            assertThat(decision.status()).isIn(200, 204, 403);
            assertThat(decision.status() == 403).isEqualTo(!decision.isAllowed());
            if (decision.kind() == CorsDecision.Kind.ACTUAL) {
                // Section 3: a refused cross-origin request is only ever refused, for its origin, never answered.
                assertThat(decision.status()).isEqualTo(403);
                assertThat(decision.refusal()).isEqualTo(CorsDecision.Refusal.ORIGIN);
            }
        }
        else {
            assertThat(decision.status()).isZero();
        }
        if (decision.kind() == CorsDecision.Kind.PREFLIGHT) {
            assertThat(decision.vary()).startsWith("Origin, Access-Control-Request-Method");
        }
        String reason = decision.reason();
        assertThat(reason).isNotBlank();
        assertThat(reason.chars().allMatch((c) -> c >= 0x20 && c < 0x7F)).as(reason).isTrue();
        assertThat(reason.length()).isLessThan(2000);
    }

    @Test
    void tableCoversEveryKindRefusalAndStatus() {
        List<CorsCase> all = CorsCases.all();
        Set<String> seen = new HashSet<>();
        for (CorsCase row : all) {
            seen.add(row.kind() + "/" + row.refusal() + "/" + row.answeredStatus());
        }
        assertThat(seen).contains("NOT_CORS/null/null", "ACTUAL/null/null", "ACTUAL/ORIGIN/null",
                "PREFLIGHT/null/204", "PREFLIGHT/null/200", "PREFLIGHT/null/null", "PREFLIGHT/ORIGIN/403",
                "PREFLIGHT/METHOD/403", "PREFLIGHT/HEADERS/403", "PREFLIGHT/METHOD/null");
        assertThat(all).extracting(CorsCase::name).doesNotHaveDuplicates();
        assertThat(CorsCases.sendableOverHttp()).hasSizeGreaterThan(all.size() / 2);
    }

}
