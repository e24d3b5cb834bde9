package dev.fetchcors.autoconfigure.policy;

import java.util.List;
import java.util.function.Function;

import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourcedOriginsTests {

    private static final CorsConfig CONFIG = CorsConfig.builder().allowedOrigins("https://app.example.com").build();

    /** An application's rule: no origin on the .test domain. */
    private static final Function<CorsConfig, List<ConfigProblem>> NO_TEST_DOMAIN = (config) -> config
        .allowedOrigins()
        .stream()
        .filter((origin) -> origin.endsWith(".test"))
        .map((origin) -> new ConfigProblem("allowed-origins", origin, "a .test origin is for tests only.",
                "remove it."))
        .toList();

    private static SourcedOrigins loaded(String... values) {
        return new SourcedOrigins(List.of(new SourcedOrigins.Entries("jdbc", "default", List.of(values), false)));
    }

    @Test
    void anEntryThePolicyRefusesOnceAddedIsRejectedAndTheOthersAreAdded() {
        SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();
        CorsConfig extended = loaded("https://t1.example", "https://t2.test", "https://t3.example").extend("default",
                CONFIG, outcome, NO_TEST_DOMAIN);
        assertThat(extended.allowedOrigins()).containsExactly("https://app.example.com", "https://t1.example",
                "https://t3.example");
        assertThat(outcome.accepted("jdbc")).containsExactly("https://t1.example", "https://t3.example");
        assertThat(outcome.rejected("jdbc")).containsExactly(new ConfigProblem("allowed-origins[1]",
                "https://t2.test", "the policy refuses it (allowed-origins): a .test origin is for tests only.",
                "remove it."));
    }

    @Test
    void entriesThePolicyRefusesOnlyTogetherAreAllRejected() {
        Function<CorsConfig, List<ConfigProblem>> atMostTwo = (config) -> (config.allowedOrigins().size() > 2)
                ? List.of(new ConfigProblem("allowed-origins", String.valueOf(config.allowedOrigins().size()),
                        "at most two origins.", "remove some."))
                : List.of();
        SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();
        CorsConfig extended = loaded("https://t1.example", "https://t2.example").extend("default", CONFIG, outcome,
                atMostTwo);
        assertThat(extended).isSameAs(CONFIG);
        assertThat(outcome.accepted("jdbc")).isEmpty();
        assertThat(outcome.rejected("jdbc")).extracting(ConfigProblem::reason)
            .containsExactly("the policy refuses it with the other entries (allowed-origins): at most two origins.",
                    "the policy refuses it with the other entries (allowed-origins): at most two origins.");
    }

    @Test
    void aPolicyThatFailsWithoutTheEntriesKeepsThemForTheCompilationToReport() {
        CorsConfig invalid = CONFIG.toBuilder().addAllowedOrigins("https://own.test").build();
        SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();
        CorsConfig extended = loaded("https://t2.test").extend("default", invalid, outcome, NO_TEST_DOMAIN);
        assertThat(extended.allowedOrigins()).containsExactly("https://app.example.com", "https://own.test",
                "https://t2.test");
        assertThat(outcome.rejected("jdbc")).isEmpty();
    }

}
