package dev.fetchcors.test.docs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;


import dev.fetchcors.test.surface.SurfaceApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static dev.fetchcors.test.CorsAssertions.assertThatCors;
import static dev.fetchcors.test.CorsAssertions.assertThatCorsSurface;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Prints every message the documents show ({@code <!-- printed: id -->}) and compares it with the document's block,
 * white space aside: the failure of the documented policy test once {@code Content-Type} is dropped, an assertion's
 * failure, the startup report of a mistyped configuration, and the DEBUG line of a refused preflight.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentedMessagesTests {

    @Nested
    @DocsSlice
    @TestPropertySource(properties = "app.cors.allowed-headers=X-Request-Id")
    class WithoutContentType {

        @Autowired
        MockMvc mvc;

        @Test
        void theDocumentedPolicyTestSaysWhichPropertyToChange() throws IOException {
            CorsPolicyTests documented = new CorsPolicyTests();
            documented.mvc = this.mvc;
            AssertionError failure = catchThrowableOfType(AssertionError.class, documented::corsPolicy);
            assertThat(failure).isNotNull();
            assertDocumented(DocumentedMessages.TABLE_WITHOUT_CONTENT_TYPE, failure.toString());
        }

    }

    @Test
    void anAssertionSaysWhatTheBrowserWouldDoAndWhy() throws IOException {
        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> assertThatCors(200, "Access-Control-Allow-Origin", "*")
                    .allowsOriginWithCredentials("https://app.example.com"));
        assertDocumented(DocumentedMessages.ASSERT_STAR_WITH_CREDENTIALS, failure.getMessage());
    }

    @Test
    void aMistypedConfigurationPrintsTheDocumentedReport(CapturedOutput output) throws IOException {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(DocsApplication.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off",
                    "spring.config.location=classpath:/startup-report/")
            .run()
            .close());
        String printed = output.toString();
        int start = printed.lastIndexOf("***************************");
        start = printed.lastIndexOf("***************************", start - 1);
        int end = printed.indexOf("CorsConfigCustomizer bean.", start) + "CorsConfigCustomizer bean.".length();
        assertDocumented(DocumentedMessages.STARTUP_REPORT, printed.substring(start, end));
    }

    @Nested
    @DocsSlice
    @TestPropertySource(properties = "logging.level.dev.fetchcors=debug")
    class AtDebug {

        @Autowired
        MockMvc mvc;

        @Test
        void aRefusedPreflightIsExplainedInOneLine(CapturedOutput output) throws Exception {
            this.mvc.perform(MockMvcRequestBuilders.options("/api/orders")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PUT"));
            String line = Arrays.stream(output.toString().split("\\R"))
                .filter((candidate) -> candidate.contains("Refused CORS PREFLIGHT OPTIONS /api/orders"))
                .reduce((first, last) -> last)
                .orElseThrow();
            assertDocumented(DocumentedMessages.DEBUG_LINE, withoutTimeAndThread(line, "DEBUG"));
        }

    }

    @Test
    void springsOwnCorsIsNamedBeforeAndAfterTheFirstOrigin(CapturedOutput output) throws IOException {
        // As arguments, over application.yml's origins: the first run has none.
        for (String origins : new String[] { "--app.cors.allowed-origins=",
                "--app.cors.allowed-origins=https://app.example.com" }) {
            new SpringApplicationBuilder(DocsApplication.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run(origins)
                .close();
        }
        List<String> warnings = Arrays.stream(output.toString().split("\\R"))
            .filter((line) -> line.contains("Spring's own CORS configuration is"))
            .toList();
        assertThat(warnings).hasSize(2);
        assertDocumented(DocumentedMessages.LEFTOVERS_BEFORE_ORIGINS, withoutTimeAndThread(warnings.get(0), "WARN"));
        assertDocumented(DocumentedMessages.LEFTOVERS_STILL_PRESENT, withoutTimeAndThread(warnings.get(1), "WARN"));
    }

    /**
     * The migration in shadow mode: the startup WARN, the WARN of a difference, and the actuator's report, from
     * the application the documents use, with {@code shadow/application.yml}, on a real port.
     */
    @Test
    void shadowModeSaysWhatWouldChange(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DocsApplication.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off", "spring.config.location=classpath:/shadow/")
            .run()) {
            String port = context.getEnvironment().getRequiredProperty("local.server.port");
            for (int i = 0; i < 2; i++) {
                assertThat(get(port, "/api/legacy", "https://partner.example").statusCode()).isEqualTo(200);
            }
            String report = awaitReport(port, "\"count\":2");
            assertDocumented(DocumentedMessages.LEFTOVERS_IN_SHADOW_MODE,
                    withoutTimeAndThread(line(output, "Spring's own CORS configuration is present"), "WARN"));
            assertDocumented(DocumentedMessages.SHADOW_DIFFERENCE,
                    withoutTimeAndThread(line(output, "CORS shadow mode, policy"), "WARN"));
            assertDocumented(DocumentedMessages.SHADOW_REPORT, shadowSection(report));
        }
    }

    @Test
    void aCandidateSaysWhatItWouldChange(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DocsApplication.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off", "spring.config.location=classpath:/candidate/")
            .run()) {
            String port = context.getEnvironment().getRequiredProperty("local.server.port");
            assertThat(get(port, "/api/orders/1", "https://partner.example").headers()
                .firstValue("Access-Control-Allow-Origin")).as("the enforced policy answers").hasValue(
                        "https://partner.example");
            awaitReport(port, "\"count\":1");
            assertDocumented(DocumentedMessages.CANDIDATE_DIFFERENCE,
                    withoutTimeAndThread(line(output, "CORS candidate policy, policy"), "WARN"));
        }
    }

    /**
     * docs/dynamic-origins.md: the table of {@code origin-source/}, whose second row is not an origin, and the line
     * that says which origins the load put in force.
     */
    @Test
    void originsFromATableAndARowThatIsNotAnOrigin(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DocsApplication.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off",
                    "spring.config.location=classpath:/origin-source/")
            .run()) {
            String port = context.getEnvironment().getRequiredProperty("local.server.port");
            assertThat(get(port, "/api/orders/1", "https://portal.customer.com").headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("https://portal.customer.com");
            assertThat(get(port, "/api/orders/1", "https://acme.example.com").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertDocumented(DocumentedMessages.ORIGIN_SOURCE_REJECTED_ROW,
                    withoutTimeAndThread(line(output, "CORS origin source 'jdbc': entry"), "WARN"));
            assertDocumented(DocumentedMessages.ORIGIN_SOURCE_CHANGE,
                    withoutTimeAndThread(line(output, "CORS origin source 'jdbc': 1 origin added"), "INFO"));
        }
    }

    /** docs/dynamic-origins.md: a source bean over the application's own repository. */
    @Test
    void originsFromABeanOfTheApplication() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DocsApplication.class,
                TenantOriginsConfiguration.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off")
            .run()) {
            String port = context.getEnvironment().getRequiredProperty("local.server.port");
            for (String tenant : new String[] { "https://portal.customer.com", "https://acme.example-saas.com",
                    "https://app.example.com" }) {
                assertThat(get(port, "/api/orders/1", tenant).headers().firstValue("Access-Control-Allow-Origin"))
                    .as(tenant)
                    .hasValue(tenant);
            }
        }
    }

    /**
     * docs/testing.md: the surface pinned in {@code cors-surface.md} after a pull request widens the partner's
     * credentialed policy from {@code /api/accounts/**} to {@code /api/**}.
     */
    @Test
    void aWidenedPolicyFailsTheSurfaceTestInWords() throws Exception {
        assertDocumented(DocumentedMessages.SURFACE_WIDENED, surfaceFailure("/api/**", "https://partner.example"));
    }

    /**
     * docs/testing.md: the surface pinned in {@code cors-surface.md} after a pull request adds an origin to the
     * partner's credentialed policy: each widening names that origin as its cause, riskiest first.
     */
    @Test
    void anOriginAddedFailsTheSurfaceTestNamingIt() throws Exception {
        assertDocumented(DocumentedMessages.SURFACE_ORIGIN_ADDED,
                surfaceFailure("/api/accounts/**", "https://partner.example,https://reseller.example"));
    }

    /**
     * What the surface test says of the application of {@code cors-surface.md} whose partner's policy has other
     * path patterns or origins (a list is bound from one source: the policy is given whole).
     */
    private static String surfaceFailure(String pathPatterns, String allowedOrigins) {
        try (ConfigurableApplicationContext context = surfaceApplication("--app.cors.policies[0].name=partner", "--app.cors.policies[0].path-patterns=" + pathPatterns,
                    "--app.cors.policies[0].allowed-origins=" + allowedOrigins,
                    "--app.cors.policies[0].allowed-methods=GET")) {
            AssertionError failure = catchThrowableOfType(AssertionError.class,
                    () -> assertThatCorsSurface(context).matchesFile("src/test/resources/cors-surface.md"));
            assertThat(failure).isNotNull();
            return failure.getMessage();
        }
    }

    /**
     * docs/operations.md: the startup lines, and what the actuator says one origin may do, over HTTP (the actuator
     * on a port of its own, as the application of {@code cors-surface.md} has it off the application's).
     */
    @Test
    void theSurfaceAtStartupAndFromTheActuator(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = surfaceApplication("--management.server.port=0", "--management.endpoints.web.exposure.include=cors")) {
            String[] lines = output.toString().split("\\R");
            int first = lines.length - 1;
            while (!lines[first].contains("CORS surface (every route")) {
                first--;
            }
            StringBuilder startup = new StringBuilder(withoutTimeAndThread(lines[first], "INFO"));
            for (int i = first + 1; i < lines.length && lines[i].startsWith("policy "); i++) {
                startup.append('\n').append(lines[i]);
            }
            assertDocumented(DocumentedMessages.SURFACE_STARTUP, startup.toString());
            String port = context.getEnvironment().getRequiredProperty("local.management.port");
            String body = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/cors/surface?origin=https://partner.example")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
            StringBuilder json = new StringBuilder();
            compact(JsonParserFactory.getJsonParser().parseMap(body), "", json);
            assertDocumented(DocumentedMessages.SURFACE_ORIGIN, json.toString());
        }
    }

    /**
     * docs/operations.md: the WARN at startup for an actuator route that the credentialed default policy opens to
     * other sites, the actuator on the application's port.
     */
    @Test
    void anActuatorRouteOpenToOtherSitesIsWarnedAboutAtStartup(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = surfaceApplication("--management.server.port=", "--management.endpoints.web.exposure.include=cors")) {
            String warning = Arrays.stream(output.toString().split("\\R"))
                .filter((line) -> line.contains("CORS surface: actuator route /actuator/cors is"))
                .reduce((first, last) -> last)
                .orElseThrow();
            assertDocumented(DocumentedMessages.SURFACE_ACTUATOR_WARNING, withoutTimeAndThread(warning, "WARN"));
        }
    }

    /** The application of {@code cors-surface.md} on a port of its own, with the given arguments. */
    private static ConfigurableApplicationContext surfaceApplication(String... args) {
        return new SpringApplicationBuilder(SurfaceApplication.class).web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off")
            .run(args);
    }

    /** JSON as the document shows it: objects one member a line, lists of values on one line. */
    private static void compact(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(indent).append("  \"").append(entry.getKey()).append("\": ");
                compact(entry.getValue(), indent + "  ", out);
                out.append((++i < map.size()) ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        }
        else if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                compact(list.get(i), indent + "  ", out);
                out.append((i + 1 < list.size()) ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        }
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append((i > 0) ? ", " : "");
                compact(list.get(i), indent, out);
            }
            out.append(']');
        }
        else if (value instanceof String string) {
            out.append('"').append(string.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        else {
            out.append(value);
        }
    }

    private static HttpResponse<String> get(String port, String path, String origin) throws Exception {
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Origin", origin).build(),
                    HttpResponse.BodyHandlers.ofString());
    }

    /** The actuator's listing, once it holds what the test waits for. */
    private static String awaitReport(String port, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String body;
        do {
            body = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/cors")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        }
        while (!body.contains(expected) && System.nanoTime() < deadline);
        return body;
    }

    /** The listing's shadow section, indented as the document shows it, its times as "…". */
    private static String shadowSection(String listing) {
        Object shadow = JsonParserFactory.getJsonParser().parseMap(listing).get("shadow");
        StringBuilder text = new StringBuilder();
        pretty(shadow, "", text);
        return text.toString().replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "…");
    }

    /** JSON with two spaces of indentation per level, as the document shows it. */
    private static void pretty(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(indent).append("  \"").append(entry.getKey()).append("\": ");
                pretty(entry.getValue(), indent + "  ", out);
                out.append((++i < map.size()) ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        }
        else if (value instanceof List<?> list) {
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                pretty(list.get(i), indent + "  ", out);
                out.append((i + 1 < list.size()) ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        }
        else if (value instanceof String string) {
            out.append('"').append(string.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        else {
            out.append(value);
        }
    }

    private static String line(CapturedOutput output, String containing) {
        return Arrays.stream(output.toString().split("\\R"))
            .filter((candidate) -> candidate.contains(containing))
            .reduce((first, last) -> last)
            .orElseThrow(() -> new AssertionError("No line with " + containing));
    }

    /** A log line as Boot's console pattern prints it, without the time, the process and the thread. */
    private static String withoutTimeAndThread(String line, String level) {
        int separator = line.indexOf(" : ");
        String[] before = line.substring(0, separator).strip().split("\\s+");
        assertThat(before).contains(level);
        return level + " " + before[before.length - 1] + line.substring(separator);
    }

    private static void assertDocumented(String id, String printed) throws IOException {
        DocBlocks.Block block = DocBlocks.printed().get(id);
        assertThat(block).as("the block <!-- printed: %s --> in %s", id, DocBlocks.DOCUMENTS).isNotNull();
        assertThat(DocBlocks.flow(block.text())).as("%s, which the test prints as:%n%s", block, printed)
            .isEqualTo(DocBlocks.flow(printed));
    }

}
