package dev.fetchcors.test;

import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * In every Spring test ({@code @SpringBootTest}, {@code @WebMvcTest}, {@code @WebFluxTest} and the rest of Spring's
 * TestContext framework), turns {@code app.cors.reason-header} on, so that a refused CORS request's response carries
 * {@value CorsProperties#REASON_HEADER}, the policy's reason, which the kit's failure messages quote. Only Spring's
 * test framework reads this factory ({@code META-INF/spring.factories}): an application that packages the kit by
 * mistake still sends no reason to its clients. A test that sets the property itself keeps its own value.
 */
final class CorsReasonContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new ReasonHeader();
    }

    /** Adds the property last, under every source a test or the application has. */
    private static final class ReasonHeader implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context,
                MergedContextConfiguration mergedConfig) {
            context.getEnvironment()
                .getPropertySources()
                .addLast(new MapPropertySource("fetchCorsTestKit",
                        Map.of(CorsProperties.PREFIX + ".reason-header", "true")));
        }

        // One customizer like every other, so that Spring's test context cache keeps sharing contexts.
        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof ReasonHeader;
        }

        @Override
        public int hashCode() {
            return ReasonHeader.class.hashCode();
        }

    }

}
