package dev.fetchcors.autoconfigure.shadow;

import dev.fetchcors.autoconfigure.http.OperationsHttp;
import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.TestApps;

import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.fetchcors.autoconfigure.http.RawHttp.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests.APP;
import static dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests.NEW;
import static dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests.OLD;
import static dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests.awaitCompared;
import static dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests.wire;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What shadow mode and candidate policies report, on real servers of both stacks: the actuator's JSON and its
 * reset, the metric's tags, the WARN said once per difference; a candidate beside an enforced policy, whose answers
 * are reported and never sent; and the bounds that hold under a flood of made-up origins.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShadowReportHttpTests {

    private static final String[] EXPOSED = { "management.endpoints.web.exposure.include=cors,metrics" };

    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void theActuatorTheMetricAndTheLogSayTheSame(boolean reactive, CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = ShadowModeHttpTests.start(reactive,
                ShadowModeHttpTests.CrossOriginApp.class, false, properties(ShadowModeHttpTests.SHADOW, EXPOSED))) {
            ShadowReport report = context.getBean(CorsJudge.class).shadowReport();
            int port = TestApps.port(context);
            RawHttp.send(port, "GET", "/api/items", "Origin", OLD);
            RawHttp.send(port, "GET", "/api/items", "Origin", OLD);
            RawHttp.send(port, "OPTIONS", "/api/items", "Origin", NEW, "Access-Control-Request-Method", "PUT");
            RawHttp.send(port, "GET", "/api/items", "Origin", APP);
            awaitCompared(report, 4);

            Map<String, Object> shadow = map(OperationsHttp.json(OperationsHttp.send(context, "GET", "/actuator/cors")),
                    "shadow");
            assertThat((String) shadow.get("summary")).startsWith("3 differences in 4 CORS requests compared since ");
            assertThat(shadow).containsEntry("differences", 3L).containsEntry("overflow", 0L);
            assertThat(map(shadow, "requests")).containsEntry("shadow", 4L).containsEntry("candidate", 0L);
            List<?> entries = (List<?>) shadow.get("entries");
            assertThat(entries).hasSize(2);
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) entries.get(0);
            assertThat(first).containsEntry("policy", "default")
                .containsEntry("comparison", "shadow")
                .containsEntry("kind", "actual")
                .containsEntry("verdict", "would-break")
                .containsEntry("reason", "origin")
                .containsEntry("property", "allowed-origins")
                .containsEntry("origin", OLD)
                .containsEntry("method", "GET")
                .containsEntry("count", 2L)
                .containsEntry("example", "GET /api/items, Origin: " + OLD)
                .containsKeys("firstSeen", "lastSeen");
            assertThat((String) first.get("message")).startsWith("Would break: the request from '" + OLD
                    + "' (GET) is allowed today; the policy would refuse it with 403 before the application runs.")
                .contains("To keep this client working, change allowed-origins.")
                // Spring's CORS came from @CrossOrigin on one controller: the change belongs to its paths only.
                .endsWith(" Spring's own CORS answered this path from @CrossOrigin on CrossOriginEndpoints"
                        + " (/api/credentials, /api/exposed, /api/fails, /api/items, /api/later and 1 more), not"
                        + " every path: make the change in a per-path policy for those paths"
                        + " (app.cors.policies[n].path-patterns), so that the rest of the application keeps its"
                        + " answer.");
            @SuppressWarnings("unchecked")
            Map<String, Object> second = (Map<String, Object>) entries.get(1);
            assertThat(second).containsEntry("kind", "preflight")
                .containsEntry("verdict", "would-open")
                .containsEntry("origin", NEW)
                .containsEntry("method", "PUT")
                .containsEntry("count", 1L);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(Search.in(registry).name("cors.shadow.differences").counters()).hasSize(2);
            assertThat(registry.get("cors.shadow.differences")
                .tags("comparison", "shadow", "policy", "default", "kind", "actual", "verdict", "would-break",
                        "reason", "origin")
                .counter()
                .count()).isEqualTo(2.0);
            assertThat(registry.get("cors.shadow.differences")
                .tags("kind", "preflight", "verdict", "would-open", "reason", "origin")
                .counter()
                .count()).isEqualTo(1.0);
            // Nothing was decided: the decisions counter stays at zero.
            assertThat(Search.in(registry).name("cors.decisions").counters())
                .allSatisfy((counter) -> assertThat(counter.count()).isZero());

            assertThat(output.toString().split("CORS shadow mode, policy 'default': Would break: the request from '"
                    + OLD + "' \\(GET\\) is allowed today", -1)).hasSize(2);
            assertThat(output).contains("CORS shadow mode, policy 'default': Would open: the preflight from '" + NEW
                    + "' (for PUT) is refused today")
                .contains("Logged once for this policy, origin, method and verdict");

            HttpResponse<String> reset = OperationsHttp.send(context, "DELETE", "/actuator/cors");
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat((String) OperationsHttp.json(reset).get("summary"))
                .startsWith("0 differences in 0 CORS requests compared since ");
            Map<String, Object> emptied = map(
                    OperationsHttp.json(OperationsHttp.send(context, "GET", "/actuator/cors")), "shadow");
            assertThat((List<?>) emptied.get("entries")).isEmpty();
        }
    }

    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aCandidateIsReportedAndNeverSent(boolean reactive) throws Exception {
        String[] enforced = { "app.cors.allowed-origins=" + APP + "," + OLD, "app.cors.allowed-methods=PUT",
                "app.cors.exposed-headers=X-Total-Count" };
        String[] withCandidate = properties(enforced, EXPOSED, new String[] { "app.cors.candidate.allowed-origins=" + APP,
                "app.cors.candidate.exposed-headers=X-Total-Count,X-Page" });
        try (ConfigurableApplicationContext candidate = ShadowModeHttpTests.start(reactive,
                ShadowModeHttpTests.PlainApp.class, false, withCandidate);
                ConfigurableApplicationContext plain = ShadowModeHttpTests.start(reactive,
                        ShadowModeHttpTests.PlainApp.class, false, enforced)) {
            String[][] requests = { { "GET", "/api/items", "Origin", OLD }, { "GET", "/api/items", "Origin", APP },
                    { "OPTIONS", "/api/items", "Origin", OLD, "Access-Control-Request-Method", "PUT" },
                    { "OPTIONS", "/api/items", "Origin", APP, "Access-Control-Request-Method", "PUT" },
                    { "GET", "/api/items" } };
            for (String[] request : requests) {
                String[] headers = java.util.Arrays.copyOfRange(request, 2, request.length);
                Response expected = RawHttp.send(TestApps.port(plain), request[0], request[1], headers);
                Response actual = RawHttp.send(TestApps.port(candidate), request[0], request[1], headers);
                assertThat(wire(actual)).as("%s %s", request[0], String.join(" ", headers)).isEqualTo(wire(expected));
            }
            ShadowReport.Snapshot snapshot = candidate.getBean(CorsJudge.class).shadowReport().snapshot();
            assertThat(snapshot.candidateRequests()).isEqualTo(4);
            assertThat(snapshot.shadowRequests()).isZero();
            assertThat(snapshot.differences()).extracting((d) -> d.comparison().name() + " "
                    + d.difference().kind() + " " + d.difference().verdict().tag() + "/" + d.difference().aspect().tag()
                    + " " + d.origin())
                .containsExactlyInAnyOrder("CANDIDATE ACTUAL would-break/origin " + OLD,
                        "CANDIDATE ACTUAL would-change/exposed-headers " + APP,
                        "CANDIDATE PREFLIGHT would-break/origin " + OLD);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) map(
                    OperationsHttp.json(OperationsHttp.send(candidate, "GET", "/actuator/cors")), "shadow")
                .get("entries");
            assertThat(entries).extracting((entry) -> entry.get("property"))
                .contains("candidate.allowed-origins", "candidate.exposed-headers");
            Map<String, Object> check = OperationsHttp.json(OperationsHttp.send(candidate, "GET",
                    "/actuator/cors/api/items?origin=" + OLD));
            assertThat(check).containsEntry("allowed", true);
            assertThat(map(check, "candidate")).containsEntry("allowed", false).containsEntry("refusal", "origin");
        }
    }

    /**
     * A hundred thousand made-up origins, each one a difference (the application allows any origin, the policy one):
     * they take a tenth of the report's cap under their own names and one entry for all the others, and the log says
     * each of those once. The lines
     * that run every test again on other Boot versions send ten thousand ({@code -Dfetchcors.flood.requests}).
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aFloodOfOriginsStaysUnderTheCaps(boolean reactive, CapturedOutput output) throws Exception {
        int requests = Integer.getInteger("fetchcors.flood.requests", 100_000);
        int cap = 50;
        try (ConfigurableApplicationContext context = ShadowModeHttpTests.start(reactive, OpenApp.class, false,
                "app.cors.mode=shadow", "app.cors.allowed-origins=" + APP, "app.cors.shadow.max-distinct=" + cap,
                "server.tomcat.max-keep-alive-requests=-1", "logging.level.dev.fetchcors=WARN")) {
            ShadowReport report = context.getBean(CorsJudge.class).shadowReport();
            int port = TestApps.port(context);
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> sent = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    sent.add(pool.submit(() -> {
                        int ok = 0;
                        try (RawHttp.Connection connection = RawHttp.connect(port)) {
                            for (int i = thread; i < requests; i += threads) {
                                Response response = connection.send("GET", "/open", null, "Origin", origin(i));
                                ok += (response.status() == 200) ? 1 : 0;
                            }
                        }
                        return ok;
                    }));
                }
                int ok = 0;
                for (Future<Integer> future : sent) {
                    ok += future.get();
                }
                assertThat(ok).isEqualTo(requests);
            }
            finally {
                pool.shutdownNow();
            }
            ShadowReport.Snapshot snapshot = awaitCompared(report, requests);
            assertThat(snapshot.shadowRequests()).isEqualTo(requests);
            assertThat(snapshot.differenceCount()).isEqualTo(requests);
            // A tenth of the cap under their own origins, the rest counted under one entry: room is left for the
            // differences that matter.
            int named = cap / 10;
            assertThat(snapshot.differences()).hasSize(named + 1);
            assertThat(snapshot.overflow()).isZero();
            assertThat(snapshot.differences()).filteredOn((difference) -> difference.origin()
                .equals("(other origins the policy refuses)"))
                .singleElement()
                .satisfies((others) -> {
                    assertThat(others.count()).isEqualTo(requests - named);
                    assertThat(others.reason()).startsWith("Beyond the first 5 origins the policy refuses, every other"
                            + " is counted here; the first of them: Would break: ");
                });
            assertThat(snapshot.differences()).allSatisfy((difference) -> {
                assertThat(difference.origin().length()).isLessThan(340);
                assertThat(difference.origin()).doesNotContain("\u00e9");
                assertThat(difference.example().length()).isLessThan(400);
                assertThat(difference.reason().length()).isLessThan(1200);
            });
            String log = output.toString();
            assertThat(log.split("CORS shadow mode, policy 'default': ", -1)).hasSize(named + 2);
            assertThat(log.split("distinct differences are kept", -1)).hasSize(1);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(Search.in(registry).name("cors.shadow.differences").counters()).hasSize(1);
            assertThat(registry.get("cors.shadow.differences").counter().count()).isEqualTo(requests);
        }
    }

    /** Distinct made-up origins, some long, some with bytes outside ASCII. */
    private static String origin(int i) {
        if (i % 1000 == 7) {
            return "https://" + "a".repeat(4000) + i + ".evil.example";
        }
        if (i % 1000 == 9) {
            return "https://caf\u00e9" + i + ".evil.example";
        }
        return "https://h" + i + ".evil.example";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.get(key);
    }

    private static String[] properties(String[]... groups) {
        List<String> all = new ArrayList<>();
        for (String[] group : groups) {
            all.addAll(List.of(group));
        }
        return all.toArray(String[]::new);
    }

    /** An endpoint open to any origin, as some applications answer: {@code *} on every response. */
    @RestController
    static class OpenEndpoint {

        @GetMapping("/open")
        ResponseEntity<String> open() {
            return ResponseEntity.ok().header("Access-Control-Allow-Origin", "*").body("open");
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(OpenEndpoint.class)
    static class OpenApp {

    }

}
