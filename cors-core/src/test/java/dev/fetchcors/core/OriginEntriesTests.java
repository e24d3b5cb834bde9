package dev.fetchcors.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries loaded at run time are checked one by one by the rules of {@code allowed-origins}, in the context of
 * the configuration they join; a rejected one never reaches the policy, the others do.
 */
class OriginEntriesTests {

    private static final CorsConfig CREDENTIALED = CorsConfig.builder()
        .allowedOrigins("https://static.example.com")
        .allowCredentials(true)
        .build();

    private static final CorsConfig ANONYMOUS = CorsConfig.builder().allowedOrigins("https://static.example.com")
        .build();

    @Test
    void eachEntryIsJudgedAsAConfiguredOriginIs() {
        List<String> rows = Arrays.asList("https://portal.customer.com", null, "https://acme.example-saas.com/",
                "*", "https://*.tenants.example.com", "https://*.github.io", "http://insecure.customer.com", "null",
                "", "http://localhost:3000", "HTTPS://Upper.example.com");
        OriginEntries entries = OriginEntries.check(CREDENTIALED, rows, true);
        assertThat(entries.accepted()).containsExactly("https://portal.customer.com",
                "https://*.tenants.example.com", "http://localhost:3000");
        assertThat(entries.rejected()).extracting(ConfigProblem::property, ConfigProblem::value)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("allowed-origins[1]", ""),
                    org.assertj.core.groups.Tuple.tuple("allowed-origins[2]", "https://acme.example-saas.com/"),
                    org.assertj.core.groups.Tuple.tuple("allowed-origins[3]", "*"),
                    org.assertj.core.groups.Tuple.tuple("allowed-origins[5]", "https://*.github.io"),
                    org.assertj.core.groups.Tuple.tuple("allowed-origins[6]", "http://insecure.customer.com"),
                    org.assertj.core.groups.Tuple.tuple("allowed-origins[7]", "null"),
                    org.assertj.core.groups.Tuple.tuple("allowed-origins[8]", ""),
                    org.assertj.core.groups.Tuple.tuple("allowed-origins[10]", "HTTPS://Upper.example.com"));
        assertThat(entries.rejected().get(1).fix()).contains("https://acme.example-saas.com");
        assertThat(entries.rejected().get(2).reason()).contains("every site");
        assertThat(entries.rejected().get(3).reason()).contains("public suffix");

        // Without credentials, http:// is what it is in allowed-origins, accepted; '*' never is, from a source.
        OriginEntries anonymous = OriginEntries.check(ANONYMOUS, List.of("*", "http://insecure.customer.com"));
        assertThat(anonymous.accepted()).containsExactly("http://insecure.customer.com");
        assertThat(anonymous.rejected()).singleElement()
            .satisfies((problem) -> assertThat(problem.fix()).contains("allowed-origins"));
    }

    @Test
    void anEntryLongerThanAnyOriginIsRejectedAndOnlyItsBeginningKept() {
        String longest = "https://" + "a".repeat(63) + "." + "b".repeat(63) + ".example.com:65535";
        String huge = "https://" + "x".repeat(1_000_000) + ".example";
        OriginEntries entries = OriginEntries.check(ANONYMOUS, List.of(longest, huge));
        assertThat(entries.accepted()).containsExactly(longest);
        assertThat(entries.rejected()).singleElement().satisfies((problem) -> {
            assertThat(problem.value()).hasSize(67).startsWith("https://xxx").endsWith("...");
            assertThat(problem.reason()).isEqualTo("it is 1000016 characters long, and no origin is longer than 512 (a"
                    + " host name has at most 253).");
        });
    }

    @Test
    void anEntryGrantsAtMostTheOriginItNames() {
        List<String> rows = List.of("https://*.tenant.example", "https://tenant.example:*", "*",
                "https://tenant.example");
        OriginEntries exactOnly = OriginEntries.check(ANONYMOUS, rows);
        assertThat(exactOnly.accepted()).containsExactly("https://tenant.example");
        assertThat(exactOnly.rejected()).extracting(ConfigProblem::value)
            .containsExactly("https://*.tenant.example", "https://tenant.example:*", "*");
        assertThat(exactOnly.rejected().get(0).fix()).contains("app.cors.origin-source.allow-patterns");
        OriginEntries patterns = OriginEntries.check(ANONYMOUS, rows, true);
        assertThat(patterns.accepted()).containsExactly("https://*.tenant.example", "https://tenant.example:*",
                "https://tenant.example");
        assertThat(patterns.rejected()).extracting(ConfigProblem::value).containsExactly("*");
    }

    @Test
    void theAcceptedEntriesCompileAndAllowWhatTheyName() {
        OriginEntries entries = OriginEntries.check(CREDENTIALED, List.of("https://portal.customer.com",
                "https://*.tenants.example.com", "https://evil.example/path"), true);
        CorsPolicy policy = CorsPolicy.compile(CREDENTIALED.toBuilder()
            .addAllowedOrigins(entries.accepted().toArray(String[]::new))
            .build());
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "https://portal.customer.com")).isAllowed())
            .isTrue();
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "https://a.tenants.example.com")).isAllowed())
            .isTrue();
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "https://evil.example")).isAllowed()).isFalse();
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "https://static.example.com")).isAllowed())
            .isTrue();
    }

    /**
     * What 100,000 origins cost in the heap once compiled: their names, a hash table, and a small holder each, whose
     * answers are made on first use. The figure is printed; the bound only catches a regression by a large factor.
     */
    @Test
    void aHundredThousandOriginsCostTheirNamesAndLittleMore() {
        List<String> rows = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            rows.add("https://tenant" + i + ".customers.example.com");
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long names = usedAfterGc(memory);
        OriginEntries entries = OriginEntries.check(CREDENTIALED, rows);
        CorsPolicy policy = CorsPolicy.compile(CREDENTIALED.toBuilder()
            .addAllowedOrigins(entries.accepted().toArray(String[]::new))
            .build());
        long compiled = usedAfterGc(memory);
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "https://tenant50000.customers.example.com"))
            .isAllowed()).isTrue();
        long perOrigin = (compiled - names) / 100_000;
        System.out.println("100,000 compiled origins: " + (compiled - names) / 1024 + " KiB beside their names, "
                + perOrigin + " bytes each");
        assertThat(perOrigin).as("bytes per origin beyond its name").isLessThan(400);
        assertThat(rows).hasSize(100_000);
        assertThat(policy.config().allowedOrigins()).hasSize(100_001);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

}
