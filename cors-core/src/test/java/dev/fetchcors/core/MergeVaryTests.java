package dev.fetchcors.core;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MergeVaryTests {

    private static final String PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    @Test
    void noExistingValueSetsTheTokens() {
        assertThat(CorsDecision.mergeVary(null, "Origin")).isEqualTo("Origin");
        assertThat(CorsDecision.mergeVary(List.of(), "Origin")).isEqualTo("Origin");
        assertThat(CorsDecision.mergeVary(List.of("", "  "), "Origin")).isEqualTo("Origin");
        assertThat(CorsDecision.mergeVary(Arrays.asList((String) null), PREFLIGHT)).isEqualTo(PREFLIGHT);
    }

    @Test
    void existingValuesAreKeptAndMissingTokensAppended() {
        assertThat(CorsDecision.mergeVary(List.of("Accept-Encoding"), "Origin")).isEqualTo("Accept-Encoding, Origin");
        assertThat(CorsDecision.mergeVary(List.of("Accept-Encoding", "Accept-Language"), "Origin"))
            .isEqualTo("Accept-Encoding, Accept-Language, Origin");
        assertThat(CorsDecision.mergeVary(List.of(" Accept-Encoding "), PREFLIGHT))
            .isEqualTo("Accept-Encoding, " + PREFLIGHT);
        assertThat(CorsDecision.mergeVary(List.of("Origin,Accept"), PREFLIGHT))
            .isEqualTo("Origin,Accept, Access-Control-Request-Method, Access-Control-Request-Headers");
    }

    @Test
    void tokensAlreadyPresentAreNotDuplicatedWhateverTheirCase() {
        assertThat(CorsDecision.mergeVary(List.of("Origin"), "Origin")).isNull();
        assertThat(CorsDecision.mergeVary(List.of("origin"), "Origin")).isNull();
        assertThat(CorsDecision.mergeVary(List.of("Accept, ORIGIN"), "Origin")).isNull();
        assertThat(CorsDecision.mergeVary(List.of("Origin", "access-control-request-method",
                "Access-Control-Request-Headers"), PREFLIGHT)).isNull();
        assertThat(CorsDecision.mergeVary(List.of("X-Origin, Originals"), "Origin"))
            .isEqualTo("X-Origin, Originals, Origin");
        // Applying a decision twice (an error dispatch) leaves one of each.
        String once = CorsDecision.mergeVary(List.of("Accept"), PREFLIGHT);
        assertThat(CorsDecision.mergeVary(List.of(once), PREFLIGHT)).isNull();
    }

    @Test
    void starAlreadyVariesOnEverything() {
        assertThat(CorsDecision.mergeVary(List.of("*"), "Origin")).isNull();
        assertThat(CorsDecision.mergeVary(List.of("Accept", " * "), PREFLIGHT)).isNull();
    }

    @Test
    void nothingToAddChangesNothing() {
        assertThat(CorsDecision.mergeVary(List.of("Accept"), null)).isNull();
        assertThat(CorsDecision.mergeVary(null, null)).isNull();
    }

}
