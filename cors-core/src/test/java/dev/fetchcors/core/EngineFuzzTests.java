package dev.fetchcors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz tests of every parser. In an ordinary test run each target replays its seeds and any
 * earlier findings from {@code src/test/resources/dev/fetchcors/core/EngineFuzzTestsInputs/<target>/}; with
 * {@code JAZZER_FUZZ=1} one target is fuzzed:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl cors-core test -Dtest='EngineFuzzTests#evaluate'
 * </pre>
 * A crash writes its input to that directory: fix the bug and keep the file as a regression seed.
 */
class EngineFuzzTests {

    /** The first is {@link CorsCases#LISTED}, whose origins the reference reads as {@link #CONFIGURED}. */
    private static final CorsPolicy[] POLICIES = { CorsPolicy.compile(CorsCases.LISTED),
            CorsPolicy.compile(CorsCases.CREDENTIALED), CorsPolicy.compile(CorsCases.ANY),
            CorsPolicy.compile(CorsCases.WILDCARDS_CREDENTIALED), CorsPolicy.compile(CorsCases.PRIVATE_NETWORK),
            CorsPolicy.compile(CorsCases.PASSTHROUGH), CorsPolicy.compile(CorsCases.ORIGIN_CHECK),
            CorsPolicy.compile(CorsCases.ANY_AND_EXACT) };

    private static final String[] METHODS = { "OPTIONS", "GET", "POST", "PUT", "options" };

    private static final List<String> CONFIGURED = CorsCases.LISTED.allowedOrigins();

    /** Origins.parse and Origins.problem agree, and both agree with the plain reference. */
    @FuzzTest(maxDuration = "3m")
    void origins(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        long parsed = Origins.parse(value);
        String problem = Origins.problem(value);
        assertThat(parsed != Origins.INVALID).as("parse vs problem: %s", problem).isEqualTo(problem == null);
        assertThat(parsed != Origins.INVALID).as("parse vs reference").isEqualTo(ReferenceOrigins.parse(value) != null);
        if (parsed != Origins.INVALID) {
            assertThat(value).hasSizeLessThanOrEqualTo(Origins.MAX_LENGTH);
            assertThat(Origins.hostEnd(parsed)).isBetween(Origins.hostStart(parsed) + 1, value.length());
        }
        assertThat(ReferenceOrigins.allows(CONFIGURED, value))
            .isEqualTo(POLICIES[0].evaluate(TestRequest.of("GET", "Origin", value)).isAllowed());
    }

    /** Whatever the request, evaluate returns a well-formed decision and never throws. */
    @FuzzTest(maxDuration = "3m")
    void evaluate(FuzzedDataProvider data) {
        CorsPolicy policy = POLICIES[data.consumeInt(0, POLICIES.length - 1)];
        String method = data.consumeBoolean() ? METHODS[data.consumeInt(0, METHODS.length - 1)]
                : data.consumeString(10);
        List<String> headers = new ArrayList<>();
        int lines = data.consumeInt(0, 6);
        for (int i = 0; i < lines; i++) {
            headers.add(switch (data.consumeInt(0, 4)) {
                case 0 -> "Origin";
                case 1 -> "Access-Control-Request-Method";
                case 2 -> "Access-Control-Request-Private-Network";
                default -> "Access-Control-Request-Headers";
            });
            headers.add(data.consumeString(300));
        }
        CorsDecision decision = policy.evaluate(TestRequest.of(method, headers.toArray(new String[0])));
        CorsCaseTableTests.assertWellFormed(decision);
    }

    /** Access-Control-Request-Headers scanning agrees with the plain reference, within its bounds. */
    @FuzzTest(maxDuration = "3m")
    void requestHeaders(FuzzedDataProvider data) {
        boolean any = data.consumeBoolean();
        List<String> lines = new ArrayList<>();
        int count = data.consumeInt(1, 5);
        for (int i = 0; i < count; i++) {
            lines.add((i == count - 1) ? data.consumeRemainingAsString() : data.consumeString(5000));
        }
        if (any) {
            RequestHeadersPropertyTests.check(CorsPolicy.compile(RequestHeadersPropertyTests.ANY_CREDENTIALED), lines,
                    Set.of("x-request-id"), true);
        }
        else {
            RequestHeadersPropertyTests.check(CorsPolicy.compile(RequestHeadersPropertyTests.LISTED), lines,
                    Set.of("content-type", "x-request-id", "x-a"), false);
        }
    }

    /**
     * Validation throws nothing but CorsConfigException, each problem complete; a configuration it accepts
     * compiles into a policy whose answers are well-formed.
     */
    @FuzzTest(maxDuration = "3m")
    void config(FuzzedDataProvider data) {
        CorsConfig.Builder builder = CorsConfig.builder()
            .allowedOrigins(strings(data))
            .allowedMethods(strings(data))
            .allowedHeaders(strings(data))
            .exposedHeaders(strings(data))
            .allowCredentials(data.consumeBoolean())
            .allowPrivateNetwork(data.consumeBoolean())
            .preflightPassthrough(data.consumeBoolean())
            .dangerouslyAllowPublicSuffixWildcards(data.consumeBoolean())
            .dangerouslyAllowInsecureOriginsWithCredentials(data.consumeBoolean())
            .preflightStatus(data.consumeBoolean() ? 204 : data.consumeInt());
        if (data.consumeBoolean()) {
            builder.maxAge(Duration.ofSeconds(data.consumeLong(), data.consumeInt(0, 999_999_999)));
        }
        CorsConfig config = builder.build();
        CorsPolicy policy;
        try {
            policy = CorsPolicy.compile(config);
        }
        catch (CorsConfigException ex) {
            assertThat(ex.problems()).isNotEmpty().allSatisfy((problem) -> {
                assertThat(problem.property()).isNotBlank();
                assertThat(problem.value()).isNotNull();
                assertThat(problem.reason()).isNotBlank();
                assertThat(problem.fix()).isNotBlank();
            });
            return;
        }
        for (String origin : config.allowedOrigins()) {
            String probe = origin.replace("*.", "x.").replace(":*", ":8443");
            for (String method : config.allowedMethods()) {
                CorsDecision decision = policy.evaluate(TestRequest.of("OPTIONS", "Origin", probe,
                        "Access-Control-Request-Method", method, "Access-Control-Request-Headers",
                        String.join(",", config.allowedHeaders())));
                CorsCaseTableTests.assertWellFormed(decision);
            }
            CorsCaseTableTests.assertWellFormed(policy.evaluate(TestRequest.of("GET", "Origin", probe)));
        }
    }

    /** The browser-side classifier never throws and its answer is consistent. */
    @FuzzTest(maxDuration = "3m")
    void browserClassifier(FuzzedDataProvider data) {
        String method = data.consumeString(20);
        Map<String, String> headers = new LinkedHashMap<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            String name = data.pickValue(new String[] { "Accept", "Accept-Language", "Content-Language",
                    "Content-Type", "Range", "Last-Event-ID", "X-Custom", "content-type" });
            headers.put(data.consumeBoolean() ? name : data.consumeString(20), data.consumeString(300));
        }
        BrowserClassifier.Classification c = BrowserClassifier.classify(method, headers);
        assertThat(c.preflighted()).isEqualTo(!BrowserRules.isSafelistedMethod(c.method())
                || !c.unsafeHeaderNames().isEmpty());
        assertThat(new HashSet<>(c.unsafeHeaderNames())).hasSameSizeAs(c.unsafeHeaderNames());
        assertThat(c.accessControlRequestHeaders())
            .isEqualTo(c.unsafeHeaderNames().isEmpty() ? null : String.join(",", c.unsafeHeaderNames()));
        assertThat(c.reason()).isNotBlank();
    }

    private static List<String> strings(FuzzedDataProvider data) {
        List<String> values = new ArrayList<>();
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            values.add(data.consumeBoolean() ? data.pickValue(new String[] { "*", "https://*.example.com",
                    "http://localhost:*", "PUT", "Authorization", "https://example.org" }) : data.consumeString(60));
        }
        return values;
    }

}
