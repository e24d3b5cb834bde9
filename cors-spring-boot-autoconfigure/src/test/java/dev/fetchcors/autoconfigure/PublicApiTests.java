package dev.fetchcors.autoconfigure;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's public types, each listed with why it is public: widening the API is a decision, so a new public
 * type fails this test until it is added here. {@link #PUBLISHED} is what applications use (the properties, the
 * extension points, the auto-configurations, the adapters, the guards' hook, the endpoint, the metrics);
 * {@link #FOR_OWN_PACKAGES} is public only so that the starter's own packages can reach it, and says so in its
 * package's documentation.
 */
class PublicApiTests {

    static final List<String> PUBLISHED = List.of(
            // Properties and extension points: the root package.
            "dev.fetchcors.autoconfigure.CorsConfigCustomizer", "dev.fetchcors.autoconfigure.CorsConfigValidator",
            "dev.fetchcors.autoconfigure.CorsDecisionObserver", "dev.fetchcors.autoconfigure.CorsOriginSource",
            "dev.fetchcors.autoconfigure.CorsPolicies", "dev.fetchcors.autoconfigure.CorsPolicyProperties",
            "dev.fetchcors.autoconfigure.CorsPolicyResolver", "dev.fetchcors.autoconfigure.CorsProperties",
            "dev.fetchcors.autoconfigure.InvalidCorsConfigurationException",
            "dev.fetchcors.autoconfigure.NamedCorsPolicy", "dev.fetchcors.autoconfigure.ServerCorsRequest",
            // Auto-configurations, which applications exclude or order by name.
            "dev.fetchcors.autoconfigure.actuate.CorsEndpointAutoConfiguration",
            "dev.fetchcors.autoconfigure.gateway.ReactiveGatewayCorsAutoConfiguration",
            "dev.fetchcors.autoconfigure.gateway.ServletGatewayCorsAutoConfiguration",
            "dev.fetchcors.autoconfigure.metrics.CorsMetricsAutoConfiguration",
            "dev.fetchcors.autoconfigure.origins.CorsOriginSourceAutoConfiguration",
            "dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration",
            "dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration",
            "dev.fetchcors.autoconfigure.refresh.CorsRefreshAutoConfiguration",
            "dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration",
            "dev.fetchcors.autoconfigure.surface.CorsSurfaceAutoConfiguration",
            "dev.fetchcors.autoconfigure.websocket.CorsWebSocketAutoConfiguration",
            // The adapters an application registers itself, the judge they take, the judgement they hand a guard.
            "dev.fetchcors.autoconfigure.servlet.FetchCorsFilter",
            "dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter", "dev.fetchcors.autoconfigure.judge.CorsJudge",
            "dev.fetchcors.autoconfigure.judge.JudgedRequest", "dev.fetchcors.autoconfigure.servlet.CorsServletGuard",
            "dev.fetchcors.autoconfigure.reactive.CorsReactiveGuard",
            // The resolver an application refreshes, the endpoint, the metrics' names.
            "dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver",
            "dev.fetchcors.autoconfigure.actuate.CorsEndpoint",
            "dev.fetchcors.autoconfigure.metrics.CorsDecisionMetrics",
            // The CORS surface: the bean that computes it, what it computes, and how two differ, which an
            // application's tests (through the test kit) pin in a file.
            "dev.fetchcors.autoconfigure.surface.CorsSurveyor", "dev.fetchcors.autoconfigure.surface.CorsSurface",
            "dev.fetchcors.autoconfigure.surface.CorsSurfaceChanges");

    static final List<String> FOR_OWN_PACKAGES = List.of(
            // What the loader of origin sources hands the resolver, and reads back.
            "dev.fetchcors.autoconfigure.policy.SourcedOrigins",
            // The loader, which the endpoint, the metrics and the refresh support read.
            "dev.fetchcors.autoconfigure.origins.CorsOriginSources",
            // Imported by both web stacks' auto-configurations; the routes the endpoint follows, as the filter does.
            "dev.fetchcors.autoconfigure.judge.CorsJudgeConfiguration", "dev.fetchcors.autoconfigure.judge.CorsRoutes",
            // The report the judge keeps and the endpoint shows; what both stacks check of the filters before theirs.
            "dev.fetchcors.autoconfigure.shadow.ShadowReport", "dev.fetchcors.autoconfigure.shadow.HiddenFilters",
            // Bridges to Spring's web APIs that both stacks use.
            "dev.fetchcors.autoconfigure.web.ServedPaths",
            "dev.fetchcors.autoconfigure.web.SpringCorsLeftovers",
            "dev.fetchcors.autoconfigure.web.SpringWebCompatibility");

    @Test
    void everyPublicTypeIsListedOnce() throws Exception {
        Set<String> listed = new TreeSet<>(PUBLISHED);
        assertThat(FOR_OWN_PACKAGES).doesNotContainAnyElementsOf(PUBLISHED);
        listed.addAll(FOR_OWN_PACKAGES);
        assertThat(publicTypes(CorsProperties.class)).containsExactlyInAnyOrderElementsOf(listed);
    }

    /** The public top-level types of the classes directory (or jar root) that holds the given class. */
    static Set<String> publicTypes(Class<?> anchor) throws Exception {
        Path classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.contains("$") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, anchor.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    types.add(name);
                }
            }
        }
        return types;
    }

}
