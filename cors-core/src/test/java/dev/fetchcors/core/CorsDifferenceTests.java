package dev.fetchcors.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.fetchcors.core.CorsDecision.Kind;
import dev.fetchcors.core.CorsDifference.Aspect;
import dev.fetchcors.core.CorsDifference.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The comparison shadow mode and candidate policies report: a browser's verdict on the answer sent against its
 * verdict on the policy's answer, one check of the Fetch standard at a time.
 */
class CorsDifferenceTests {

    private static final String APP = "https://app.example";

    private static final String OTHER = "https://other.example";

    /** What most applications configure: one origin, a few methods and headers, no credentials. */
    private static final CorsPolicy PLAIN = CorsPolicy.compile(CorsConfig.builder()
        .allowedOrigins(APP)
        .allowedMethods("GET", "POST", "PUT")
        .allowedHeaders("Content-Type", "X-Request-Id")
        .exposedHeaders("X-Total-Count")
        .build());

    private static final CorsPolicy CREDENTIALED = CorsPolicy.compile(CorsConfig.builder()
        .allowedOrigins(APP)
        .allowedMethods("GET", "POST", "PUT")
        .allowedHeaders("Content-Type", "Authorization")
        .allowCredentials(true)
        .maxAge(Duration.ofMinutes(30))
        .build());

    private static final CorsPolicy ANY = CorsPolicy.compile(CorsConfig.builder().allowedOrigins("*").build());

    private static final CorsPolicy HANDSHAKES = CorsPolicy.compile(CorsConfig.builder()
        .allowedOrigins(APP)
        .webSocketHandshakes(true)
        .build());

    @Test
    void actualRequests() {
        TestRequest get = TestRequest.of("GET", "Origin", APP);
        assertThat(between(get, sent(0, "Access-Control-Allow-Origin", APP, "Vary", "Origin",
                "Access-Control-Expose-Headers", "X-Total-Count"), PLAIN)).as("the same answer").isNull();
        assertThat(between(get, sent(0, "Access-Control-Allow-Origin", APP, "Vary", "origin",
                "Access-Control-Expose-Headers", "x-total-count"), PLAIN)).as("the same, case aside").isNull();
        assertThat(between(TestRequest.of("GET", "Origin", OTHER), sent(403), PLAIN)).as("refused by both").isNull();
        assertDifference(TestRequest.of("GET", "Origin", OTHER), sent(200), PLAIN, Verdict.WOULD_STOP, Aspect.RUNS);
        assertThat(between(TestRequest.of("GET"), sent(0), PLAIN)).as("not a CORS request").isNull();

        assertDifference(TestRequest.of("GET", "Origin", OTHER), sent(0, "Access-Control-Allow-Origin", "*"), PLAIN,
                Verdict.WOULD_BREAK, Aspect.ORIGIN);
        assertDifference(get, sent(0), PLAIN, Verdict.WOULD_OPEN, Aspect.ORIGIN);
        assertDifference(get, sent(0, "Access-Control-Allow-Origin", OTHER), PLAIN, Verdict.WOULD_OPEN,
                Aspect.ORIGIN);
        assertDifference(get, sent(0, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Origin", APP,
                "Vary", "Origin"), PLAIN, Verdict.WOULD_OPEN, Aspect.ORIGIN);
        assertDifference(get, sent(0, "Access-Control-Allow-Origin", APP, "Vary", "Origin"), PLAIN,
                Verdict.WOULD_CHANGE, Aspect.EXPOSED_HEADERS);
        assertDifference(get, sent(0, "Access-Control-Allow-Origin", APP, "Access-Control-Expose-Headers",
                "X-Total-Count"), PLAIN, Verdict.WOULD_CHANGE, Aspect.VARY);
        assertThat(between(get, sent(0, "Access-Control-Allow-Origin", APP, "Vary", "Accept-Encoding",
                "Vary", "Origin", "Access-Control-Expose-Headers", "X-Total-Count"), PLAIN))
            .as("Origin on a second Vary line").isNull();
        assertThat(between(get, sent(0, "Access-Control-Allow-Origin", "*"), ANY)).as("'*' both").isNull();
        assertThat(between(get, sent(500, "Access-Control-Allow-Origin", "*"), ANY)).as("an error, allowed by both")
            .isNull();
    }

    /**
     * A browser sends a DELETE, or a JSON body, only after a preflight allowed it, perhaps one it cached from the
     * application's answer: the actual request alone shows what the policy's preflight would refuse.
     */
    @Test
    void actualRequestsThatFollowedAPreflight() {
        CorsAnswer allowed = sent(0, "Access-Control-Allow-Origin", APP, "Vary", "Origin",
                "Access-Control-Expose-Headers", "X-Total-Count");
        TestRequest delete = TestRequest.of("DELETE", "Origin", APP);
        assertDifference(delete, allowed, PLAIN, Verdict.WOULD_BREAK, Aspect.METHOD);
        assertThat(between(TestRequest.of("PUT", "Origin", APP), allowed, PLAIN)).as("PUT is allowed").isNull();
        CorsPolicy withoutContentType = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins(APP)
            .allowedHeaders("X-Request-Id")
            .exposedHeaders("X-Total-Count")
            .build());
        TestRequest json = TestRequest.of("POST", "Origin", APP, "Content-Type", "application/json");
        assertDifference(json, allowed, withoutContentType, Verdict.WOULD_BREAK, Aspect.HEADERS);
        assertThat(between(TestRequest.of("POST", "Origin", APP, "Content-Type", "text/plain; charset=UTF-8"),
                allowed, withoutContentType)).as("a safelisted Content-Type needs no preflight").isNull();
        assertThat(between(TestRequest.of("POST", "Origin", APP, "Content-Type", " Multipart/Form-Data ; x"),
                allowed, withoutContentType)).isNull();
        assertThat(between(json, allowed, PLAIN)).as("Content-Type is allowed").isNull();
        assertThat(between(TestRequest.of("DELETE", "Origin", OTHER), sent(403), PLAIN)).as("refused by both")
            .isNull();

        CorsDecision decision = PLAIN.evaluate(delete);
        assertThat(CorsDifference.between(delete, allowed, decision).describe(delete, allowed, decision))
            .isEqualTo("Would break: the request from 'https://app.example' (DELETE) is allowed today, after a"
                    + " preflight the application allowed (or the browser's cached answer to one); the policy's"
                    + " preflight would refuse its method: allowed-methods does not list DELETE. To keep this client"
                    + " working, change allowed-methods.");
    }

    @Test
    void credentials() {
        TestRequest anonymous = TestRequest.of("GET", "Origin", APP);
        TestRequest withCookie = TestRequest.of("GET", "Origin", APP, "Cookie", "session=1");
        CorsAnswer credentialed = sent(0, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "true", "Vary", "Origin", "Access-Control-Expose-Headers", "X-Total-Count");

        assertDifference(anonymous, credentialed, PLAIN, Verdict.WOULD_CHANGE, Aspect.CREDENTIALS);
        assertDifference(withCookie, credentialed, PLAIN, Verdict.WOULD_BREAK, Aspect.CREDENTIALS);
        assertDifference(withCookie, sent(0, "Access-Control-Allow-Origin", APP, "Vary", "Origin"), CREDENTIALED,
                Verdict.WOULD_OPEN, Aspect.CREDENTIALS);
        assertDifference(withCookie, sent(0, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials",
                "true"), CREDENTIALED, Verdict.WOULD_OPEN, Aspect.CREDENTIALS);
        assertThat(between(withCookie, sent(0, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "true", "Vary", "Origin"), CREDENTIALED)).isNull();
        assertDifference(withCookie, sent(0, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "TRUE", "Vary", "Origin"), CREDENTIALED, Verdict.WOULD_OPEN, Aspect.CREDENTIALS);
    }

    @Test
    void preflights() {
        TestRequest put = TestRequest.of("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-type,x-request-id");
        CorsAnswer spring = sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods",
                "GET,POST,PUT", "Access-Control-Allow-Headers", "content-type, x-request-id", "Vary",
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        assertThat(between(put, spring, PLAIN)).as("Spring's answer to an allowed preflight").isNull();

        assertDifference(TestRequest.of("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "DELETE"),
                sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "GET,POST,PUT,DELETE",
                        "Vary", "Origin"), PLAIN, Verdict.WOULD_BREAK, Aspect.METHOD);
        assertDifference(TestRequest.of("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "x-other"), sent(200, "Access-Control-Allow-Origin", APP,
                        "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "*", "Vary", "Origin"),
                PLAIN, Verdict.WOULD_BREAK, Aspect.HEADERS);
        assertDifference(put, sent(403), PLAIN, Verdict.WOULD_OPEN, Aspect.ORIGIN);
        assertDifference(put, sent(401, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "content-type, x-request-id", "Vary", "Origin"), PLAIN,
                Verdict.WOULD_OPEN, Aspect.STATUS);
        assertDifference(put, sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "put",
                "Access-Control-Allow-Headers", "content-type, x-request-id", "Vary", "Origin"), PLAIN,
                Verdict.WOULD_OPEN, Aspect.METHOD);
        assertDifference(put, sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "content-type", "Vary", "Origin"), PLAIN, Verdict.WOULD_OPEN,
                Aspect.HEADERS);
        assertDifference(put, sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "content-type, x-request-id", "Access-Control-Max-Age", "1800",
                "Vary", "Origin"), PLAIN, Verdict.WOULD_CHANGE, Aspect.MAX_AGE);
        assertThat(between(put, sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "content-type, x-request-id", "Access-Control-Max-Age", "5",
                "Vary", "Origin"), PLAIN)).as("5 seconds is what a browser assumes without the header").isNull();

        TestRequest authorization = TestRequest.of("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        assertDifference(authorization, sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Headers",
                "*", "Access-Control-Allow-Credentials", "true", "Access-Control-Max-Age", "1800", "Vary", "Origin"),
                CREDENTIALED, Verdict.WOULD_OPEN, Aspect.HEADERS);
        assertDifference(TestRequest.of("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "PUT"),
                sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "*",
                        "Access-Control-Allow-Credentials", "true", "Access-Control-Max-Age", "1800", "Vary",
                        "Origin"), CREDENTIALED, Verdict.WOULD_CHANGE, Aspect.CREDENTIALS);
    }

    @Test
    void privateNetworkAccess() {
        TestRequest request = TestRequest.of("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Private-Network", "true");
        CorsPolicy allowing = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins(APP)
            .allowPrivateNetwork(true)
            .build());
        assertDifference(request, sent(200, "Access-Control-Allow-Origin", APP, "Vary", "Origin"), allowing,
                Verdict.WOULD_OPEN, Aspect.PRIVATE_NETWORK);
        assertThat(between(request, sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Private-Network",
                "true", "Vary", "Origin"), allowing)).isNull();
    }

    @Test
    void webSocketHandshakes() {
        TestRequest handshake = TestRequest.of("GET", "Origin", APP, "Upgrade", "websocket", "Connection",
                "Upgrade");
        TestRequest refused = TestRequest.of("GET", "Origin", OTHER, "Upgrade", "websocket", "Connection",
                "Upgrade");
        assertThat(between(handshake, sent(101), HANDSHAKES)).isNull();
        assertThat(between(refused, sent(403), HANDSHAKES)).isNull();
        assertDifference(handshake, sent(403), HANDSHAKES, Verdict.WOULD_OPEN, Aspect.ORIGIN);
        assertDifference(refused, sent(101), HANDSHAKES, Verdict.WOULD_BREAK, Aspect.ORIGIN);
        assertThat(between(refused, sent(404), HANDSHAKES)).as("no endpoint: nothing to compare").isNull();
    }

    @Test
    void aCandidateIsComparedWithTheEnforcedDecision() {
        CorsPolicy enforced = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("*")
            .allowedMethods("*")
            .candidate(CorsConfig.builder().allowedOrigins(APP).allowedMethods("GET", "PUT").build())
            .build());
        CorsPolicy candidate = enforced.candidate();
        assertThat(candidate).isNotNull();

        TestRequest fromApp = TestRequest.of("GET", "Origin", APP);
        assertThat(CorsDifference.between(fromApp, enforced.evaluate(fromApp), candidate.evaluate(fromApp)))
            .as("'*' and the candidate's exact origin look alike to a browser").isNull();
        TestRequest fromOther = TestRequest.of("GET", "Origin", OTHER);
        assertThat(CorsDifference.between(fromOther, enforced.evaluate(fromOther), candidate.evaluate(fromOther)))
            .isSameAs(CorsDifference.of(Kind.ACTUAL, Verdict.WOULD_BREAK, Aspect.ORIGIN));
        TestRequest delete = TestRequest.of("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "DELETE");
        assertThat(CorsDifference.between(delete, enforced.evaluate(delete), candidate.evaluate(delete)))
            .isSameAs(CorsDifference.of(Kind.PREFLIGHT, Verdict.WOULD_BREAK, Aspect.METHOD));
    }

    /**
     * A cross-origin request the policy would refuse with 403 runs today: a team sees it before enforcing, with the
     * property that lets that origin keep sending.
     */
    @Test
    void requestsThePolicyWouldStop() {
        TestRequest form = TestRequest.of("POST", "Origin", "https://idp.example", "Content-Type",
                "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate");
        CorsDecision decision = PLAIN.evaluate(form);
        CorsAnswer ran = sent(200);
        CorsDifference difference = CorsDifference.between(form, ran, decision);
        assertThat(difference).isSameAs(CorsDifference.of(Kind.ACTUAL, Verdict.WOULD_STOP, Aspect.RUNS));
        assertThat(difference.describe(form, ran, decision, false, "/login/callback"))
            .startsWith("Would stop: a form POST from 'https://idp.example' to /login/callback runs today; the policy"
                    + " would refuse it with 403 before the application runs. Origin 'https://idp.example' is not"
                    + " allowed")
            .endsWith("A site that must keep sending here without reading the answer (an identity provider's"
                    + " form_post, a payment page posting back) is best given send-only-origins on a per-path policy"
                    + " for this path alone.")
            .doesNotContain(CorsPolicy.STOPPED);
        assertThat(CorsDifference.between(form, sent(403), decision)).as("stopped today too").isNull();
        TestRequest noOrigin = TestRequest.of("DELETE", "Sec-Fetch-Site", "cross-site");
        assertThat(CorsDifference.between(noOrigin, ran, PLAIN.evaluate(noOrigin))).as("no Origin, cross-site")
            .isSameAs(CorsDifference.of(Kind.ACTUAL, Verdict.WOULD_STOP, Aspect.RUNS));
    }

    /** Every reason at once: a preflight's header problem is not learnt only after its origin problem is fixed. */
    @Test
    void aPreflightRefusedForSeveralReasonsIsToldThemAll() {
        TestRequest preflight = TestRequest.of("OPTIONS", "Origin", OTHER, "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "x-secret");
        CorsAnswer allowedToday = sent(204, "Access-Control-Allow-Origin", OTHER, "Access-Control-Allow-Methods",
                "PATCH", "Access-Control-Allow-Headers", "x-secret", "Vary", "Origin");
        CorsDecision decision = PLAIN.evaluate(preflight);
        String words = CorsDifference.between(preflight, allowedToday, decision).describe(preflight, allowedToday,
                decision);
        assertThat(words).contains("Origin 'https://other.example' is not allowed", "Method 'PATCH' is not allowed",
                "Request header 'x-secret' is not allowed")
            .endsWith("To keep this client working, change allowed-origins and allowed-methods and allowed-headers.");
    }

    @Test
    void aCandidateThatWouldLetARefusedOriginSendIsReported() {
        CorsPolicy enforced = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins(APP)
            .candidate(CorsConfig.builder().allowedOrigins(APP).sendOnlyOrigins("https://idp.example").build())
            .build());
        TestRequest form = TestRequest.of("POST", "Origin", "https://idp.example", "Sec-Fetch-Site", "cross-site");
        CorsDecision today = enforced.evaluate(form);
        CorsDecision candidate = enforced.candidate().evaluate(form);
        CorsDifference difference = CorsDifference.between(form, today, candidate);
        assertThat(difference).isSameAs(CorsDifference.of(Kind.ACTUAL, Verdict.WOULD_RUN, Aspect.RUNS));
        assertThat(difference.describe(form, today, candidate, true)).startsWith("Would run: a POST from"
                + " 'https://idp.example' is refused with 403 today; the candidate would let it run without letting it"
                + " read the answer.").endsWith("change candidate.send-only-origins (or"
                        + " candidate.cross-origin-protection).");
        assertThat(CorsDifference.between(form, candidate, today)).as("the reverse: the candidate would stop it")
            .isSameAs(CorsDifference.of(Kind.ACTUAL, Verdict.WOULD_STOP, Aspect.RUNS));
    }

    @Test
    void theDescriptionNamesWhatDiffersAndTheProperty() {
        TestRequest request = TestRequest.of("GET", "Origin", OTHER);
        CorsAnswer sent = sent(0, "Access-Control-Allow-Origin", "*");
        CorsDecision decision = PLAIN.evaluate(request);
        assertThat(CorsDifference.between(request, sent, decision).describe(request, sent, decision)).isEqualTo(
                "Would break: the request from 'https://other.example' (GET) is allowed today; the policy would"
                        + " refuse it with 403 before the application runs. "
                        + decision.reason(request).replace(CorsPolicy.STOPPED, "")
                        + " To keep this client working, change allowed-origins.");

        TestRequest get = TestRequest.of("GET", "Origin", APP);
        CorsAnswer bare = sent(0, "Access-Control-Allow-Origin", APP, "Vary", "Origin");
        CorsDecision allowed = PLAIN.evaluate(get);
        assertThat(CorsDifference.between(get, bare, allowed).describe(get, bare, allowed)).isEqualTo(
                "Would change: the request from 'https://app.example' (GET) is allowed by both, but the script could"
                        + " read other response headers (sent Access-Control-Expose-Headers: (none); the policy's"
                        + " Access-Control-Expose-Headers: 'X-Total-Count'). To keep it as it is, change"
                        + " exposed-headers.");

        TestRequest hostile = TestRequest.of("GET", "Origin", "https://evil.example\r\nX-Forged: 1");
        CorsAnswer echoed = sent(0, "Access-Control-Allow-Origin", "https://evil.example\r\nX-Forged: 1");
        CorsDecision refused = PLAIN.evaluate(hostile);
        assertThat(CorsDifference.between(hostile, echoed, refused).describe(hostile, echoed, refused))
            .doesNotContain("\r", "\n")
            .contains("'https://evil.example\\u000d\\u000aX-Forged: 1'");
    }

    @Test
    void comparingAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        ArrayRequest get = new ArrayRequest("GET", "Origin", APP);
        CorsAnswer agreeing = sent(0, "Access-Control-Allow-Origin", APP, "Vary", "Origin",
                "Access-Control-Expose-Headers", "X-Total-Count");
        CorsDecision allowed = PLAIN.evaluate(get);
        ArrayRequest put = new ArrayRequest("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-type,x-request-id");
        CorsAnswer spring = sent(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods",
                "GET,POST,PUT", "Access-Control-Allow-Headers", "content-type, x-request-id", "Vary", "Origin");
        CorsDecision preflight = PLAIN.evaluate(put);
        ArrayRequest other = new ArrayRequest("GET", "Origin", OTHER);
        CorsDecision refused = PLAIN.evaluate(other);
        CorsAnswer nothing = sent(0);
        CorsAnswer any = sent(0, "Access-Control-Allow-Origin", "*");

        assertThat(bytes(threads, () -> CorsDifference.between(get, agreeing, allowed))).as("actual, both allow")
            .isLessThan(10_000);
        ArrayRequest jsonPut = new ArrayRequest("PUT", "Origin", APP, "Content-Type", "application/json");
        CorsDecision jsonPutAllowed = PLAIN.evaluate(jsonPut);
        assertThat(bytes(threads, () -> CorsDifference.between(jsonPut, agreeing, jsonPutAllowed)))
            .as("a JSON PUT, both allow").isLessThan(10_000);
        assertThat(bytes(threads, () -> CorsDifference.between(put, spring, preflight))).as("preflight, both allow")
            .isLessThan(10_000);
        assertThat(bytes(threads, () -> CorsDifference.between(other, nothing, refused))).as("both refuse")
            .isLessThan(10_000);
        assertThat(bytes(threads, () -> CorsDifference.between(other, any, refused))).as("a difference")
            .isLessThan(10_000);
    }

    private static long bytes(com.sun.management.ThreadMXBean threads, Runnable call) {
        for (int i = 0; i < 100_000; i++) {
            call.run();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            call.run();
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static CorsDifference between(TestRequest request, CorsAnswer sent, CorsPolicy policy) {
        return CorsDifference.between(request, sent, policy.evaluate(request));
    }

    private static void assertDifference(TestRequest request, CorsAnswer sent, CorsPolicy policy, Verdict verdict,
            Aspect aspect) {
        CorsDecision decision = policy.evaluate(request);
        CorsDifference difference = CorsDifference.between(request, sent, decision);
        assertThat(difference).as("%s %s against %s", request.method(), sent, decision).isNotNull();
        assertThat(difference.verdict()).as("verdict: %s", difference.describe(request, sent, decision))
            .isEqualTo(verdict);
        assertThat(difference.aspect()).as("aspect: %s", difference.describe(request, sent, decision))
            .isEqualTo(aspect);
        assertThat(difference).isSameAs(CorsDifference.of(decision.kind(), verdict, aspect));
    }

    /** A request over an array, whose lookups allocate nothing (unlike {@link TestRequest}'s iterator). */
    private static final class ArrayRequest implements CorsRequest {

        private final String method;

        private final String[] lines;

        private final List<String> requestHeaders;

        ArrayRequest(String method, String... lines) {
            this.method = method;
            this.lines = lines;
            String value = header(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
            this.requestHeaders = (value != null) ? List.of(value) : List.of();
        }

        @Override
        public String method() {
            return this.method;
        }

        @Override
        public String header(String name) {
            for (int i = 0; i < this.lines.length; i += 2) {
                if (this.lines[i].equalsIgnoreCase(name)) {
                    return this.lines[i + 1];
                }
            }
            return null;
        }

        @Override
        public Iterable<String> headers(String name) {
            return name.equalsIgnoreCase(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS) ? this.requestHeaders
                    : List.of();
        }

        @Override
        public boolean isRepeated(String name) {
            return false;
        }

    }

    /** An answer with a status and header lines given as name, value, ... */
    private static CorsAnswer sent(int status, String... namesAndValues) {
        return new FixedAnswer(status, namesAndValues);
    }

    private record FixedAnswer(int status, String[] lines) implements CorsAnswer {

        @Override
        public String header(String name) {
            for (int i = 0; i < this.lines.length; i += 2) {
                if (this.lines[i].equalsIgnoreCase(name)) {
                    return this.lines[i + 1];
                }
            }
            return null;
        }

        @Override
        public Iterable<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < this.lines.length; i += 2) {
                if (this.lines[i].equalsIgnoreCase(name)) {
                    values.add(this.lines[i + 1]);
                }
            }
            return values;
        }

        @Override
        public boolean isRepeated(String name) {
            int count = 0;
            for (int i = 0; i < this.lines.length; i += 2) {
                if (this.lines[i].equalsIgnoreCase(name)) {
                    count++;
                }
            }
            return count > 1;
        }

        @Override
        public String toString() {
            return "status " + this.status + " " + String.join(" ", this.lines);
        }

    }

}
