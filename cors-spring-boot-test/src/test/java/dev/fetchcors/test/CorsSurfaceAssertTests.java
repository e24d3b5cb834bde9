package dev.fetchcors.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.autoconfigure.surface.CorsSurveyor;
import dev.fetchcors.test.surface.SurfaceApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;

import static dev.fetchcors.test.CorsAssertions.assertThatCorsSurface;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The surface pinned in a file, on both stacks: a widened pattern, a new credentialed route and a new method fail
 * the test in words until the file is written afresh, which the update switch does once, failing; then it passes.
 */
class CorsSurfaceAssertTests {

    @Nested
    @SpringBootTest(classes = SurfaceApplication.class)
    class OnSpringMvc extends Scenarios {

        @Test
        void theDocumentedFileIsTheApplicationsSurface() {
            assertThatCorsSurface(this.context).matchesFile("src/test/resources/cors-surface.md");
        }

        @Override
        Runnable map(String path, RequestMethod method) throws Exception {
            var mapping = this.context.getBean("requestMappingHandlerMapping",
                    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class);
            var info = org.springframework.web.servlet.mvc.method.RequestMappingInfo.paths(path)
                .methods(method)
                .options(mapping.getBuilderConfiguration())
                .build();
            mapping.registerMapping(info, this, Scenarios.class.getDeclaredMethod("handler"));
            return () -> mapping.unregisterMapping(info);
        }

    }

    @Nested
    @SpringBootTest(classes = SurfaceApplication.class, properties = "spring.main.web-application-type=reactive")
    class OnSpringWebFlux extends Scenarios {

        @Override
        Runnable map(String path, RequestMethod method) throws Exception {
            var mapping = this.context.getBean("requestMappingHandlerMapping",
                    org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping.class);
            var info = org.springframework.web.reactive.result.method.RequestMappingInfo.paths(path)
                .methods(method)
                .build();
            mapping.registerMapping(info, this, Scenarios.class.getDeclaredMethod("handler"));
            return () -> mapping.unregisterMapping(info);
        }

    }

    abstract static class Scenarios {

        @Autowired
        ConfigurableApplicationContext context;

        @TempDir
        Path directory;

        /** Maps one more handler method, as a new {@code @GetMapping} would; what it returns unmaps it. */
        abstract Runnable map(String path, RequestMethod method) throws Exception;

        public String handler() {
            return "mapped by the test";
        }

        @AfterEach
        void updateOff() {
            System.clearProperty(CorsSurfaceAssert.UPDATE_PROPERTY);
        }

        @Test
        void aMissingFileSaysHowToWriteItAndTheSwitchWritesItOnce() throws Exception {
            Path file = this.directory.resolve("cors-surface.md");
            AssertionError missing = failure(file);
            assertThat(missing).hasMessageContaining("There is no CORS surface file at " + file)
                .hasMessageContaining("run the test with -Dfetchcors.surface.update=true")
                .hasMessageContaining("| partner | enforce | `/api/accounts/**` |");
            System.setProperty(CorsSurfaceAssert.UPDATE_PROPERTY, "true");
            assertThat(failure(file)).hasMessageStartingWith("Wrote the CORS surface afresh to " + file);
            // Written, it is the surface: the switch left on writes nothing more.
            assertThatCorsSurface(this.context).matchesFile(file);
            System.clearProperty(CorsSurfaceAssert.UPDATE_PROPERTY);
            assertThatCorsSurface(this.context).matchesFile(file);
            // A checkout that turned the line ends into CRLF still matches.
            Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));
            assertThatCorsSurface(this.context).matchesFile(file);
        }

        @Test
        void aNewCredentialedRouteFailsUntilTheFileIsWrittenAfresh() throws Exception {
            Path file = pinned();
            Runnable unmap = map("/api/accounts/{id}/statements", RequestMethod.GET);
            try {
                AssertionError wider = failure(file);
                assertThat(wider).hasMessageStartingWith("The CORS surface differs from " + file + ":\nWider (2):\n")
                    .hasMessageContaining(" - https://partner.example can now read GET /api/accounts/{id}/statements"
                            + " with credentials (policy 'partner', added by a new route)\n")
                    .hasMessageContaining(" - origins from source 'tenants' can now read GET"
                            + " /api/accounts/{id}/statements with credentials")
                    .hasMessageContaining("Other changes (1):\n - route /api/accounts/{id}/statements is new: GET,"
                            + " annotated controller, policy 'partner' (path-patterns /api/accounts/**)")
                    .hasMessageEndingWith("If the change is meant, write the file afresh (run the test with"
                            + " -Dfetchcors.surface.update=true, or FETCHCORS_SURFACE_UPDATE=true) and commit it with"
                            + " the change, for a reviewer to see.");
                System.setProperty(CorsSurfaceAssert.UPDATE_PROPERTY, "true");
                assertThat(failure(file)).hasMessageStartingWith("Wrote the CORS surface afresh to " + file)
                    .hasMessageContaining("Wider (2):");
                System.clearProperty(CorsSurfaceAssert.UPDATE_PROPERTY);
                assertThatCorsSurface(this.context).matchesFile(file);
            }
            finally {
                unmap.run();
            }
            // The route gone again, the file written with it says what was lost.
            assertThat(failure(file)).hasMessageContaining("Narrower (2):\n - https://partner.example can no longer"
                    + " read GET /api/accounts/{id}/statements (policy 'partner')");
        }

        @Test
        void aNewMethodFails() throws Exception {
            Path file = pinned();
            Runnable unmap = map("/api/orders/{id}", RequestMethod.POST);
            try {
                assertThat(failure(file)).hasMessageContaining("Wider (1):\n - https://app.example.com can now read"
                        + " POST /api/orders/{id} with credentials (policy 'default', added by a new method POST)\n")
                    .hasMessageContaining("Other changes (1):\n - route /api/orders/{id} now serves POST\n");
            }
            finally {
                unmap.run();
            }
            assertThatCorsSurface(this.context).matchesFile(file);
        }

        @Test
        void aWidenedPatternFails() throws Exception {
            Path file = pinned();
            AssertionError wider = withPattern("/api/**", () -> failure(file));
            assertThat(wider).hasMessageContaining(" - https://partner.example can now read GET /api/orders/{id}"
                    + " with credentials (policy 'partner', added by path-patterns /api/**)\n")
                .hasMessageContaining("Narrower (")
                .hasMessageContaining(" - https://app.example.com can no longer read PUT /api/orders/{id} (policy"
                        + " 'default')\n")
                .hasMessageContaining(" - policy 'partner': path-patterns now include /api/**\n");
            assertThatCorsSurface(this.context).matchesFile(file);
        }

        /** The application's surface as it is now, written to a file of the test's own. */
        private Path pinned() throws Exception {
            Path file = this.directory.resolve("cors-surface.md");
            Files.writeString(file, this.context.getBean(CorsSurveyor.class).survey().toMarkdown());
            assertThatCorsSurface(this.context).matchesFile(file);
            return file;
        }

        private AssertionError failure(Path file) {
            AssertionError failure = catchThrowableOfType(AssertionError.class,
                    () -> assertThatCorsSurface(this.context).matchesFile(file));
            assertThat(failure).as("the assertion's failure").isNotNull();
            return failure;
        }

        /** With the partner's pattern replaced, its policies refreshed, and as they were afterwards. */
        private <T> T withPattern(String pattern, Callable<T> action) throws Exception {
            PropertiesCorsPolicyResolver resolver = this.context.getBean(PropertiesCorsPolicyResolver.class);
            Map<String, Object> properties = new LinkedHashMap<>();
            // A list is bound from one source: the policy's other properties come along.
            properties.put("app.cors.policies[0].name", "partner");
            properties.put("app.cors.policies[0].path-patterns", pattern);
            properties.put("app.cors.policies[0].allowed-origins", "https://partner.example");
            properties.put("app.cors.policies[0].allowed-methods", "GET");
            this.context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("pattern", properties));
            try {
                assertThat(resolver.refresh()).isTrue();
                return action.call();
            }
            finally {
                this.context.getEnvironment().getPropertySources().remove("pattern");
                assertThat(resolver.refresh()).isTrue();
            }
        }

    }

}
