package dev.fetchcors.autoconfigure.surface;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.fetchcors.autoconfigure.http.OperationsHttp;
import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.RawWebSocket;
import dev.fetchcors.autoconfigure.http.TestApps;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Access;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Route;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Selection;
import dev.fetchcors.core.BrowserRules;
import dev.fetchcors.core.CorsAnswer;
import dev.fetchcors.core.CorsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;

import static dev.fetchcors.autoconfigure.http.OperationsHttp.json;
import static dev.fetchcors.autoconfigure.http.OperationsHttp.send;
import static dev.fetchcors.autoconfigure.surface.SurfaceApps.APP;
import static dev.fetchcors.autoconfigure.surface.SurfaceApps.IDP;
import static dev.fetchcors.autoconfigure.surface.SurfaceApps.OLD;
import static dev.fetchcors.autoconfigure.surface.SurfaceApps.OTHER;
import static dev.fetchcors.autoconfigure.surface.SurfaceApps.PARTNER;
import static dev.fetchcors.autoconfigure.surface.SurfaceApps.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The CORS surface of one application per stack ({@link SurfaceApps}): route by route; what each origin may do; the
 * actuator's JSON and the Markdown; the answer for one origin agreeing with what the filter really answers; and the
 * Markdown kept as a file telling, in words, a widened pattern, a new credentialed route and a new method apart from
 * a tenant added, which changes nothing in it.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SurfaceHttpTests {

    ConfigurableApplicationContext context;

    abstract boolean reactive();

    /**
     * Maps one more controller method at run time, as a new {@code @GetMapping} would.
     *
     * @return what unmaps it
     */
    abstract Runnable map(String path, RequestMethod method) throws Exception;

    @BeforeAll
    void start() {
        this.context = SurfaceApps.start(reactive());
    }

    @AfterAll
    void stop() {
        if (this.context != null) {
            this.context.close();
        }
    }

    CorsSurveyor surveyor() {
        return this.context.getBean(CorsSurveyor.class);
    }

    @Test
    void everyRouteWithThePolicyThatAppliesToIt() {
        CorsSurface surface = surveyor().survey();
        assertRoute(surface, "/api/accounts/{id}", List.of("GET", "PUT"), "annotated controller",
                "partner:path-patterns /api/accounts/**");
        assertRoute(surface, "/api/accounts/{id}/tokens", List.of("DELETE"), "functional route",
                "partner:path-patterns /api/accounts/**");
        assertRoute(surface, "/api/fn/ping", List.of("GET"), "functional route", "default:default");
        assertRoute(surface, "/api/orders", List.of("GET", "POST"), "annotated controller", "default:default");
        assertRoute(surface, "/legacy/report", List.of("GET"), "annotated controller",
                "legacy:path-patterns /legacy/**");
        assertRoute(surface, "/ws/echo", List.of("GET"), "WebSocket", "default:default");
        assertRoute(surface, "/actuator/cors", List.of("GET", "POST", "DELETE"), "actuator", "default:default");
        assertRoute(surface, "/webjars/**", List.of("GET", "HEAD"), "static resources", "default:default");
        // The static resources' catch-all serves paths of every policy: it says so, with a path for each.
        assertRoute(surface, "/**", List.of("GET", "HEAD"), "static resources", "default:default",
                "partner:path-patterns /api/accounts/**", "legacy:path-patterns /legacy/**");
        assertThat(surface.routes()).extracting(Route::path)
            .anyMatch((path) -> path.startsWith("/actuator/cors/"))
            .isSorted();
        assertThat(surface.policies()).extracting(CorsSurface.Policy::name, CorsSurface.Policy::mode,
                CorsSurface.Policy::allowCredentials)
            .containsExactly(tuple("default", "enforce", false), tuple("partner", "enforce", true),
                    tuple("legacy", "shadow", false));
        CorsSurface.Policy partner = surface.policy("partner");
        assertThat(partner.allowedOrigins()).containsExactly(PARTNER);
        assertThat(partner.originSources()).containsExactly(new CorsSurface.Source("tenants", 1));
    }

    @Test
    void whatEachOriginMayDoRouteByRoute() {
        CorsSurface surface = surveyor().survey();
        assertThat(surface.origins()).extracting(CorsSurface.Origin::origin)
            .containsExactly(APP, IDP, OLD, PARTNER, "from source 'tenants'", CorsSurface.ANY_OTHER_ORIGIN);
        // The credentialed policy: its origin and the source's read with the user's cookies, there and nowhere else.
        for (String label : List.of(PARTNER, "from source 'tenants'")) {
            assertThat(surface.origin(label).routes())
                .extracting(Access::route, Access::policy, Access::reads, Access::readsWithCredentials,
                        Access::runsWithoutReading, Access::opensSocket)
                .containsExactly(tuple("/**", "partner", List.of("GET", "HEAD"), List.of("GET", "HEAD"), List.of(),
                        false),
                        tuple("/api/accounts/{id}", "partner", List.of("GET", "PUT"), List.of("GET", "PUT"),
                                List.of(), false),
                        tuple("/api/accounts/{id}/tokens", "partner", List.of("DELETE"), List.of("DELETE"),
                                List.of(), false));
        }
        assertThat(access(surface, APP, "/api/orders", "default")).isEqualTo(
                new Access("/api/orders", "default", List.of("GET", "POST"), List.of(), List.of(), false));
        assertThat(access(surface, APP, "/ws/echo", "default")).isEqualTo(
                new Access("/ws/echo", "default", List.of(), List.of(), List.of(), true));
        assertThat(access(surface, APP, "/api/accounts/{id}", "partner")).isNull();
        // A send-only origin makes the application run simple requests, and reads nothing.
        assertThat(access(surface, IDP, "/api/orders", "default")).isEqualTo(
                new Access("/api/orders", "default", List.of(), List.of(), List.of("GET", "POST"), false));
        assertThat(surface.origin(IDP).routes()).allMatch((access) -> access.reads().isEmpty());
        // The shadow policy's verdicts, marked with its mode.
        assertThat(access(surface, OLD, "/legacy/report", "legacy")).isEqualTo(
                new Access("/legacy/report", "legacy", List.of("GET"), List.of(), List.of(), false));
        assertThat(surface.origin(CorsSurface.ANY_OTHER_ORIGIN).routes()).isEmpty();
    }

    @Test
    void theActuatorShowsTheSurfaceAndTheAnswerForOneOrigin() throws Exception {
        HttpResponse<String> response = send(this.context, "GET", "/actuator/cors/surface");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(response);
        List<Map<String, Object>> policies = maps(body.get("policies"));
        assertThat(policies).extracting((policy) -> policy.get("name")).containsExactly("default", "partner",
                "legacy");
        assertThat(policies.get(1)).containsEntry("allow-credentials", true)
            .containsEntry("allowed-origins", List.of(PARTNER))
            .containsEntry("origin-sources", List.of(Map.of("name", "tenants", "origins", 1L)))
            .containsEntry("summary", "policy 'partner': 3 routes, credentials, 1 origin, 1 from source 'tenants', 1"
                    + " send-only");
        Map<String, Object> route = maps(body.get("routes")).stream()
            .filter((item) -> item.get("route").equals("/api/accounts/{id}"))
            .findFirst()
            .orElseThrow();
        assertThat(route).containsEntry("methods", List.of("GET", "PUT"))
            .containsEntry("served-by", List.of("annotated controller"));
        assertThat(maps(route.get("policies"))).containsExactly(Map.of("policy", "partner", "selected-by",
                "path-patterns /api/accounts/**", "sample-path", "/api/accounts/1"));
        assertThat(maps(body.get("origins"))).extracting((origin) -> origin.get("origin"))
            .contains(PARTNER, "from source 'tenants'", CorsSurface.ANY_OTHER_ORIGIN);

        Map<String, Object> partner = json(send(this.context, "GET", "/actuator/cors/surface?origin="
                + URLEncoder.encode(PARTNER, StandardCharsets.UTF_8)));
        assertThat(partner).containsEntry("origin", PARTNER)
            .containsEntry("summary", PARTNER + " reads 3 routes (3 with credentials), runs 0 routes without reading"
                    + " the answer, opens sockets on 0 routes");
        assertThat(maps(partner.get("routes"))).anySatisfy((row) -> assertThat(row)
            .containsEntry("route", "/api/accounts/{id}")
            .containsEntry("policy", "partner")
            .containsEntry("mode", "enforce")
            .containsEntry("selected-by", "path-patterns /api/accounts/**")
            .containsEntry("reads-with-credentials", List.of("GET", "PUT")));
    }

    @Test
    void aPathNamedSurfaceIsStillCheckedWithThePathParameter() throws Exception {
        Map<String, Object> check = json(send(this.context, "GET", "/actuator/cors?path=/surface&origin="
                + URLEncoder.encode(APP, StandardCharsets.UTF_8)));
        assertThat(check).containsEntry("policy", "default").containsEntry("kind", "actual").containsEntry("allowed",
                true);
        // Deeper paths under /surface are checked as before.
        Map<String, Object> deeper = json(send(this.context, "GET", "/actuator/cors/surface/x?origin="
                + URLEncoder.encode(APP, StandardCharsets.UTF_8)));
        assertThat(deeper).containsEntry("kind", "actual");
    }

    /**
     * For a table of requests, what {@code ?origin=} says an origin may do is what the filter answers a browser on
     * it: the preflight and the request sent over HTTP, judged by the browser's own checks.
     */
    @Test
    void theAnswerForOneOriginIsWhatTheFilterAnswers() throws Exception {
        String[][] table = { { "/api/accounts/{id}", "/api/accounts/1", "GET" },
                { "/api/accounts/{id}", "/api/accounts/1", "PUT" },
                { "/api/accounts/{id}/tokens", "/api/accounts/1/tokens", "DELETE" },
                { "/api/orders", "/api/orders", "GET" }, { "/api/orders", "/api/orders", "POST" },
                { "/api/fn/ping", "/api/fn/ping", "GET" } };
        List<String> checked = agree(this.context, List.of(APP, PARTNER, TENANT, IDP, OTHER), table);
        for (String origin : List.of(APP, PARTNER, TENANT, IDP, OTHER)) {
            Map<String, Object> socket = said(surfaceFor(this.context, origin), "/ws/echo");
            try (RawWebSocket handshake = RawWebSocket.open(TestApps.port(this.context), "/ws/echo", origin)) {
                assertThat(Boolean.TRUE.equals(socket.get("opens-socket"))).as("socket from %s", origin)
                    .isEqualTo(handshake.status() == 101);
            }
        }
        // The table holds every kind of answer: none, run without reading, read, read with credentials.
        assertThat(String.join("\n", checked)).contains(": nothing", ": runs", ": reads", ": reads with credentials");
    }

    /** In shadow mode the surface is the policy's verdict: the filter writes none of it. */
    @Test
    void aShadowPolicysVerdictIsMarkedAsSuch() throws Exception {
        Map<String, Object> answer = json(send(this.context, "GET",
                "/actuator/cors/surface?origin=" + URLEncoder.encode(OLD, StandardCharsets.UTF_8)));
        assertThat(maps(answer.get("routes"))).anySatisfy((row) -> assertThat(row)
            .containsEntry("route", "/legacy/report")
            .containsEntry("mode", "shadow")
            .containsEntry("reads", List.of("GET")));
        RawHttp.Response sent = RawHttp.send(TestApps.port(this.context), "GET", "/legacy/report", "Origin", OLD);
        assertThat(sent.corsHeaderLines()).isEmpty();
    }

    @Test
    void theMarkdownIsStableAndReadsAsItIsWritten() {
        String markdown = surveyor().survey().toMarkdown();
        assertThat(surveyor().survey().toMarkdown()).isEqualTo(markdown);
        assertThat(markdown).contains("| partner | enforce | `/api/accounts/**` | `https://partner.example`, from source"
                + " 'tenants' | true | PUT, DELETE | Content-Type | — | `https://idp.example` | true | false | true |")
            .contains("| `/api/accounts/{id}` | GET, PUT | annotated controller | partner | path-patterns"
                    + " `/api/accounts/**` |")
            .contains("| `/**` | GET, HEAD | static resources | partner | path-patterns `/api/accounts/**`, for"
                    + " `/api/accounts/1` |")
            .contains("### `https://partner.example`\n\n| route | policy | reads | reads with credentials | runs"
                    + " without reading | opens a socket |\n|---|---|---|---|---|---|\n"
                    + "| `/**` | partner | GET, HEAD | GET, HEAD | — | — |\n"
                    + "| `/api/accounts/{id}` | partner | GET, PUT | GET, PUT | — | — |\n")
            .contains("### any other origin\n\nNothing.\n")
            .doesNotContain("tenant1");
        assertThat(CorsSurfaceChanges.between(markdown, markdown).isEmpty()).isTrue();
    }

    @Test
    void aWidenedPatternIsSaidOriginByOriginAndTheOldPoliciesLossesToo() throws Exception {
        String before = surveyor().survey().toMarkdown();
        String after = withProperties(Map.of("app.cors.policies[0].path-patterns", "/api/**"),
                () -> surveyor().survey().toMarkdown());
        CorsSurfaceChanges changes = CorsSurfaceChanges.between(before, after);
        assertThat(changes.widenings()).contains(
                "https://partner.example can now read GET /api/orders with credentials (policy 'partner', added by"
                        + " path-patterns /api/**)",
                "https://partner.example can now read POST /api/orders with credentials (policy 'partner', added by"
                        + " path-patterns /api/**)",
                "origins from source 'tenants' can now read GET /api/fn/ping with credentials (policy 'partner',"
                        + " added by path-patterns /api/**)");
        assertThat(changes.narrowings()).contains(
                "https://app.example.com can no longer read GET /api/orders (policy 'default')");
        assertThat(changes.others()).contains("policy 'partner': path-patterns now include /api/**",
                "policy 'partner': path-patterns no longer include /api/accounts/**",
                "route /api/orders now falls under policy 'partner' (path-patterns /api/**)",
                "route /api/orders no longer falls under policy 'default'");
        // Written afresh, the file matches again.
        assertThat(CorsSurfaceChanges.between(after, after).isEmpty()).isTrue();
        assertThat(CorsSurfaceChanges.between(before, surveyor().survey().toMarkdown()).isEmpty()).isTrue();
    }

    /**
     * The static resources' {@code /**} is listed under the default and the partner's policy: an origin added to
     * both gains a row under each, and each is said.
     */
    @Test
    void anOriginAddedToTwoPoliciesIsSaidForEachRowOfARouteUnderBoth() throws Exception {
        String before = surveyor().survey().toMarkdown();
        String after = withProperties(Map.of("app.cors.allowed-origins", APP + ", https://*.example.com",
                "app.cors.policies[0].allowed-origins", PARTNER + ", https://*.example.com"),
                () -> surveyor().survey().toMarkdown());
        assertThat(after).contains("| `/**` | default | GET, HEAD | — | — | — |\n| `/**` | partner | GET, HEAD | GET, HEAD"
                + " | — | — |");
        assertThat(CorsSurfaceChanges.between(before, after).widenings())
            .filteredOn((sentence) -> sentence.startsWith("origins matching https://*.example.com can now read GET /** "))
            .containsExactly("origins matching https://*.example.com can now read GET /** without credentials (policy"
                    + " 'default', added by allowed-origins https://*.example.com)",
                    "origins matching https://*.example.com can now read GET /** with credentials (policy"
                            + " 'partner', added by allowed-origins https://*.example.com)");
        // An origin the default lists is taken by the partner's new pattern: the pattern is the cause.
        assertThat(CorsSurfaceChanges.between(before, after).widenings()).contains(APP + " can now read GET"
                + " /api/accounts/{id} with credentials (policy 'partner', added by allowed-origins"
                + " https://*.example.com)");
    }

    /** Each widening names what changed: here an origin added to a policy, and nothing else. */
    @Test
    void anOriginAddedIsTheCauseSaid() throws Exception {
        CorsSurfaceChanges changes = changesWith(
                Map.of("app.cors.policies[0].allowed-origins", PARTNER + ", " + OTHER));
        assertThat(changes.widenings()).contains(
                OTHER + " can now read GET /api/accounts/{id} with credentials (policy 'partner', added by"
                        + " allowed-origins " + OTHER + ")",
                "policy 'partner': allowed-origins now include " + OTHER);
        assertThat(changes.widenings()).filteredOn((sentence) -> sentence.startsWith(OTHER + " can now"))
            .hasSize(5)
            .allSatisfy((sentence) -> assertThat(sentence).endsWith("(policy 'partner', added by allowed-origins "
                    + OTHER + ")"));
        assertThat(changes.widenings()).noneMatch((sentence) -> sentence.startsWith(PARTNER));
    }

    /**
     * Credentials turned on for a policy whose origin could read: the origin already listed gains them through the
     * setting alone, the origin added the same time through both.
     */
    @Test
    void credentialsTurnedOnAreTheCauseSaidAndAnOriginAddedBesideThem() throws Exception {
        CorsSurfaceChanges changes = changesWith(Map.of("app.cors.allow-credentials", "true",
                "app.cors.allowed-origins", APP + ", " + OTHER));
        assertThat(changes.widenings()).contains(
                APP + " can now read GET /api/orders with credentials, which it could read without (policy 'default',"
                        + " added by allow-credentials true)",
                OTHER + " can now read GET /api/orders with credentials (policy 'default', added by allowed-origins "
                        + OTHER + " and allow-credentials true)");
    }

    /** A method allowed by a policy: the routes that serve it under that policy gain it, said so. */
    @Test
    void aMethodAllowedIsTheCauseSaid() throws Exception {
        CorsSurfaceChanges changes = changesWith(Map.of("app.cors.allowed-methods", "PUT, DELETE"));
        assertThat(changes.widenings()).contains(APP + " can now read DELETE /actuator/cors without credentials"
                + " (policy 'default', added by allowed-methods DELETE)")
            .filteredOn((sentence) -> sentence.startsWith(APP))
            .allSatisfy((sentence) -> assertThat(sentence).startsWith(APP + " can now read DELETE ")
                .endsWith(" (policy 'default', added by allowed-methods DELETE)"));
        assertThat(changes.widenings()).contains("policy 'default': allowed-methods now include DELETE");
    }

    @Test
    void aNarrowedMethodListIsANarrowing() throws Exception {
        CorsSurfaceChanges changes = changesWith(Map.of("app.cors.policies[0].allowed-methods", "DELETE"));
        assertThat(changes.widenings()).isEmpty();
        assertThat(changes.narrowings()).containsExactly(
                "https://partner.example can no longer read PUT /api/accounts/{id} (policy 'partner')",
                "origins from source 'tenants' can no longer read PUT /api/accounts/{id} (policy 'partner')",
                "policy 'partner': allowed-methods no longer include PUT");
    }

    @Test
    void aNewCredentialedRouteIsAWidening() throws Exception {
        String before = surveyor().survey().toMarkdown();
        String after;
        Runnable unmap = map("/api/accounts/{id}/export", RequestMethod.GET);
        try {
            after = surveyor().survey().toMarkdown();
        }
        finally {
            unmap.run();
        }
        CorsSurfaceChanges changes = CorsSurfaceChanges.between(before, after);
        // What changed is the route, not the policy's patterns, which were as they are.
        assertThat(changes.widenings()).containsExactly(
                "https://idp.example can now make the application run GET /api/accounts/{id}/export without reading"
                        + " the answer (policy 'partner', added by a new route)",
                "https://partner.example can now read GET /api/accounts/{id}/export with credentials (policy"
                        + " 'partner', added by a new route)",
                "origins from source 'tenants' can now read GET /api/accounts/{id}/export with credentials (policy"
                        + " 'partner', added by a new route)");
        assertThat(changes.narrowings()).isEmpty();
        assertThat(changes.others()).containsExactly("route /api/accounts/{id}/export is new: GET, annotated"
                + " controller, policy 'partner' (path-patterns /api/accounts/**)");
        assertThat(changes.toString()).startsWith("Wider (3):\n - https://idp.example can now");
        assertThat(CorsSurfaceChanges.between(before, surveyor().survey().toMarkdown()).isEmpty()).isTrue();
    }

    @Test
    void aNewMethodIsAWidening() throws Exception {
        String before = surveyor().survey().toMarkdown();
        String after;
        Runnable unmap = map("/api/accounts/{id}", RequestMethod.DELETE);
        try {
            after = surveyor().survey().toMarkdown();
        }
        finally {
            unmap.run();
        }
        CorsSurfaceChanges changes = CorsSurfaceChanges.between(before, after);
        assertThat(changes.widenings()).containsExactly(
                "https://partner.example can now read DELETE /api/accounts/{id} with credentials (policy 'partner',"
                        + " added by a new method DELETE)",
                "origins from source 'tenants' can now read DELETE /api/accounts/{id} with credentials (policy"
                        + " 'partner', added by a new method DELETE)");
        assertThat(changes.others()).containsExactly("route /api/accounts/{id} now serves DELETE");
    }

    @Test
    void aTenantAddedChangesTheCountButNotTheFile() throws Exception {
        String before = surveyor().survey().toMarkdown();
        CorsOriginSources sources = this.context.getBean(CorsOriginSources.class);
        SurfaceApps.tenants.add("https://tenant2.example");
        try {
            sources.refreshNow();
            assertThat(surveyor().survey().toMarkdown()).isEqualTo(before);
            assertThat(surveyor().survey().policy("partner").originSources())
                .containsExactly(new CorsSurface.Source("tenants", 2));
            assertThat(surveyor().summary()).contains("policy 'partner': 3 routes, credentials, 1 origin, 2 from"
                    + " source 'tenants', 1 send-only");
        }
        finally {
            SurfaceApps.tenants.remove("https://tenant2.example");
            sources.refreshNow();
        }
    }

    @Test
    void oneInfoLinePerPolicyOnceTheApplicationIsReady(CapturedOutput output) {
        new CorsSurfaceLog(surveyor()).onApplicationEvent(null);
        assertThat(output.toString()).contains("CORS surface (every route, and who may read it: GET"
                + " /actuator/cors/surface):")
            .contains("policy 'partner': 3 routes, credentials, 1 origin, 1 from source 'tenants', 1 send-only")
            .contains("policy 'legacy' (shadow mode): 2 routes, no credentials, 1 origin, 1 send-only");
    }

    /**
     * The default policy covers the actuator: a page on its origin may make {@code POST /actuator/cors} run, and
     * so may the send-only origin. The rows say so in the Markdown and the JSON, and a WARN at startup names the
     * route, the policy and the fix; an application's own route that does the same is no actuator and is not marked.
     */
    @Test
    void actuatorRoutesOpenToOtherSitesAreMarkedAndWarnedAbout(CapturedOutput output) throws Exception {
        CorsSurface surface = surveyor().survey();
        String warning = "actuator route /actuator/cors is open to other sites under policy 'default': "
                + APP + " can make it run POST; " + IDP + " can make it run POST. Exclude /actuator/** from it: a"
                + " per-path policy for /actuator/** whose allowed-origins and send-only-origins are empty, or the"
                + " actuator on a port of its own (management.server.port).";
        assertThat(surface.actuatorWarnings()).contains(warning)
            .allSatisfy((line) -> assertThat(line).startsWith("actuator route /actuator/"));
        assertThat(surface.toMarkdown())
            .contains("| `/actuator/cors` **⚠ actuator open** | default | GET, POST | — | — | — |")
            .contains("| `/api/orders` | default | GET, POST | — | — | — |")
            .contains("**⚠ actuator open**: an actuator route that a page on that origin may read");
        Map<String, Object> app = json(send(this.context, "GET",
                "/actuator/cors/surface?origin=" + URLEncoder.encode(APP, StandardCharsets.UTF_8)));
        assertThat(maps(app.get("routes"))).anySatisfy((row) -> assertThat(row)
            .containsEntry("route", "/actuator/cors")
            .containsEntry("warning", "An actuator route open to other sites: a page on this origin can make it run"
                    + " POST. Exclude /actuator/** from it: a per-path policy for /actuator/** whose allowed-origins"
                    + " and send-only-origins are empty, or the actuator on a port of its own"
                    + " (management.server.port)."))
            .filteredOn((row) -> !row.get("route").toString().startsWith("/actuator/"))
            .isNotEmpty()
            .allSatisfy((row) -> assertThat(row).doesNotContainKey("warning"));
        new CorsSurfaceLog(surveyor()).onApplicationEvent(null);
        assertThat(output.toString()).containsPattern("WARN .*CORS surface: " + java.util.regex.Pattern.quote(warning));
        // The Markdown's mark is no part of the route: the file reads back as it was written.
        assertThat(CorsSurfaceChanges.between(surface.toMarkdown(), surface.toMarkdown()).isEmpty()).isTrue();
    }

    /** The fix the warning names closes the actuator: a per-path policy for it that allows no origin. */
    @Test
    void aPolicyOfItsOwnForTheActuatorClosesIt() throws Exception {
        CorsSurface closed = withProperties(Map.of("app.cors.policies[2].name", "actuator",
                "app.cors.policies[2].path-patterns", "/actuator/**", "app.cors.policies[2].allowed-origins", "",
                "app.cors.policies[2].send-only-origins", ""), () -> surveyor().survey());
        assertThat(closed.route("/actuator/cors").policies()).extracting(Selection::policy).containsExactly("actuator");
        assertThat(closed.actuatorWarnings()).isEmpty();
        assertThat(closed.toMarkdown()).doesNotContain("⚠");
    }

    /**
     * For each origin and row (route, path, method), what {@code ?origin=} says is what the filter answers; a
     * {@code {session}} in the path is a new SockJS session each time.
     *
     * @return a line per origin and row: the origin, the method, the path and what a browser got
     */
    static List<String> agree(ConfigurableApplicationContext app, List<String> origins, String[][] table)
            throws Exception {
        List<String> checked = new ArrayList<>();
        for (String origin : origins) {
            Map<String, Object> answer = surfaceFor(app, origin);
            for (String[] row : table) {
                // SockJS takes each session id once.
                String path = row[1].replace("{session}", "s" + System.nanoTime());
                String real = browser(app, origin, path, row[2]);
                assertThat(verdict(said(answer, row[0]), row[2])).as("%s %s from %s", row[2], row[1], origin)
                    .isEqualTo(real);
                checked.add(origin + " " + row[2] + " " + row[1] + ": " + real);
            }
        }
        return checked;
    }

    /** What the actuator says one origin may do. */
    private static Map<String, Object> surfaceFor(ConfigurableApplicationContext app, String origin) throws Exception {
        return json(send(app, "GET",
                "/actuator/cors/surface?origin=" + URLEncoder.encode(origin, StandardCharsets.UTF_8)));
    }

    /** The row of a route in the actuator's answer for one origin, empty when it may do nothing there. */
    private static Map<String, Object> said(Map<String, Object> answer, String route) {
        return maps(answer.get("routes")).stream()
            .filter((item) -> item.get("route").equals(route))
            .findFirst()
            .orElse(Map.of());
    }

    /** What a browser on {@code origin} gets from the filter for a script's request, over HTTP. */
    static String browser(ConfigurableApplicationContext context, String origin, String path, String method)
            throws Exception {
        int port = TestApps.port(context);
        boolean credentialedPreflight = true;
        if (!BrowserRules.isSafelistedMethod(method)) {
            Map<String, String> preflight = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            preflight.putAll(Map.of("Origin", origin, "Access-Control-Request-Method", method, "Sec-Fetch-Site",
                    "cross-site", "Sec-Fetch-Mode", "cors"));
            RawHttp.Response answer = RawHttp.send(port, "OPTIONS", path, flat(preflight));
            CorsRequest request = new CorsRequest() {

                @Override
                public String method() {
                    return "OPTIONS";
                }

                @Override
                public String header(String name) {
                    return preflight.get(name);
                }

            };
            if (BrowserRules.preflightCheck(answer(answer), request, false) != null) {
                return "nothing";
            }
            credentialedPreflight = BrowserRules.preflightCheck(answer(answer), request, true) == null;
        }
        RawHttp.Response response = RawHttp.send(port, method, path, "Origin", origin, "Sec-Fetch-Site",
                "cross-site", "Sec-Fetch-Mode", "cors", "Content-Length", "0");
        if (BrowserRules.corsCheck(answer(response), origin, false) == null) {
            return (credentialedPreflight && BrowserRules.corsCheck(answer(response), origin, true) == null)
                    ? "reads with credentials" : "reads";
        }
        // The handlers answer 2xx; the filter's refusal is 403.
        return (response.status() < 300) ? "runs" : "nothing";
    }

    static String verdict(Map<String, Object> said, String method) {
        if (list(said.get("reads-with-credentials")).contains(method)) {
            return "reads with credentials";
        }
        if (list(said.get("reads")).contains(method)) {
            return "reads";
        }
        if (list(said.get("runs-without-reading")).contains(method)) {
            return "runs";
        }
        return "nothing";
    }

    private static CorsAnswer answer(RawHttp.Response response) {
        return new CorsAnswer() {

            @Override
            public int status() {
                return response.status();
            }

            @Override
            public String header(String name) {
                return response.first(name);
            }

            @Override
            public Iterable<String> headers(String name) {
                return response.all(name);
            }

        };
    }

    private static String[] flat(Map<String, String> headers) {
        List<String> flat = new ArrayList<>();
        headers.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        return flat.toArray(String[]::new);
    }

    /** How the surface changes with some properties changed ({@link #withProperties}). */
    private CorsSurfaceChanges changesWith(Map<String, Object> changed) throws Exception {
        String before = surveyor().survey().toMarkdown();
        return CorsSurfaceChanges.between(before, withProperties(changed, () -> surveyor().survey().toMarkdown()));
    }

    /**
     * Runs with some properties of the per-path policies changed, its policies refreshed, and as they were
     * afterwards. A list is bound from one source: the others of its elements come along.
     */
    private <T> T withProperties(Map<String, Object> changed, java.util.concurrent.Callable<T> action)
            throws Exception {
        PropertiesCorsPolicyResolver resolver = this.context.getBean(PropertiesCorsPolicyResolver.class);
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (String property : SurfaceApps.PROPERTIES) {
            if (property.startsWith("app.cors.policies[")) {
                properties.put(property.substring(0, property.indexOf('=')),
                        property.substring(property.indexOf('=') + 1));
            }
        }
        properties.putAll(changed);
        MapPropertySource source = new MapPropertySource("surface-test", properties);
        this.context.getEnvironment().getPropertySources().addFirst(source);
        try {
            assertThat(resolver.refresh()).isTrue();
            return action.call();
        }
        finally {
            this.context.getEnvironment().getPropertySources().remove("surface-test");
            assertThat(resolver.refresh()).isTrue();
        }
    }

    private static void assertRoute(CorsSurface surface, String path, List<String> methods, String servedBy,
            String... policies) {
        Route route = surface.route(path);
        assertThat(route).as(path).isNotNull();
        assertThat(route.methods()).as(path).isEqualTo(methods);
        assertThat(route.servedBy()).as(path).containsExactly(servedBy);
        assertThat(route.policies()).as(path)
            .extracting((selection) -> selection.policy() + ":" + selection.selectedBy())
            .containsExactly(policies);
        assertThat(route.policies()).extracting(Selection::samplePath).allSatisfy((sample) -> assertThat(sample)
            .startsWith("/"));
    }

    private static Access access(CorsSurface surface, String origin, String route, String policy) {
        return surface.origin(origin)
            .routes()
            .stream()
            .filter((access) -> access.route().equals(route) && access.policy().equals(policy))
            .findFirst()
            .orElse(null);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static List<?> list(Object value) {
        return (value instanceof List<?> list) ? list : List.of();
    }

}
