package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.CorsPolicyProperties;
import dev.fetchcors.autoconfigure.CorsProperties;

import dev.fetchcors.autoconfigure.policy.CorsConfigFailureAnalyzer;
import dev.fetchcors.autoconfigure.policy.CorsRuntimeHints;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Every hint the starter registers for Spring AOT and native images, and that it is registered at all. */
class CorsRuntimeHintsTests {

    private final RuntimeHints hints = registered();

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        // Found as Spring's AOT engine finds it: through META-INF/spring/aot.factories.
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
            .load(RuntimeHintsRegistrar.class)
            .forEach((registrar) -> registrar.registerHints(hints, CorsRuntimeHintsTests.class.getClassLoader()));
        return hints;
    }

    @Test
    void thePublicSuffixListTheCoreReads() {
        assertThat(RuntimeHintsPredicates.resource().forResource(CorsRuntimeHints.PUBLIC_SUFFIX_LIST))
            .accepts(this.hints);
        assertThat(getClass().getClassLoader().getResource(CorsRuntimeHints.PUBLIC_SUFFIX_LIST)).isNotNull();
    }

    @Test
    void thePropertiesClassesThatUnknownKeysAreFoundIn() {
        for (Class<?> type : new Class<?>[] { CorsProperties.class, CorsPolicyProperties.class,
                CorsProperties.Policy.class, CorsProperties.Gateway.class, CorsProperties.WebSocket.class }) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)
                .withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).as(type.getName()).accepts(this.hints);
        }
    }

    @Test
    void theFailureAnalyzerThatSpringFactoriesNames() throws IOException {
        Properties factories = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring.factories")) {
            factories.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(factories.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer"))
            .isEqualTo(CorsConfigFailureAnalyzer.class.getName());
        assertThat(RuntimeHintsPredicates.reflection().onType(CorsConfigFailureAnalyzer.class)
            .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theHttpHeadersMethodsCalledThroughMethodHandles() {
        for (String name : new String[] { "get", "remove" }) {
            var method = ReflectionUtils.findMethod(HttpHeaders.class, name, String.class);
            if (method == null) {
                method = ReflectionUtils.findMethod(HttpHeaders.class, name, Object.class);
            }
            assertThat(method).as(name).isNotNull();
            // onMethod(..).invoke() reads the same on Framework 6.2 and 7, where onMethodInvocation is newer.
            assertThat(RuntimeHintsPredicates.reflection().onMethod(method).invoke()).as(name).accepts(this.hints);
        }
    }

    @Test
    void springsReactorNettyAdaptersTheWebFilterLooksUpByName() {
        for (String adapter : CorsRuntimeHints.REACTOR_NETTY_ADAPTERS) {
            assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(adapter))).as(adapter)
                .accepts(this.hints);
        }
    }

}
