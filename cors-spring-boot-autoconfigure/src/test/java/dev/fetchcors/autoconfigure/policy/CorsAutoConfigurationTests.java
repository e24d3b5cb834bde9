package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;

import dev.fetchcors.autoconfigure.CorsConfigCustomizer;
import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;

import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.policy.CorsConfigFailureAnalyzer;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;

import java.util.List;

import dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** What the auto-configuration registers, and when it backs off. */
@ExtendWith(OutputCaptureExtension.class)
class CorsAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(CorsAutoConfiguration.class,
            CorsServletAutoConfiguration.class, CorsReactiveAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
        .withConfiguration(CONFIGURATIONS);

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
        .withConfiguration(CONFIGURATIONS);

    @Test
    @SuppressWarnings("unchecked")
    void servletFilterIsRegisteredBeforeSecurityForRequestAndErrorDispatches() {
        this.servlet.withPropertyValues("app.cors.allowed-origins=https://app.example.com").run((context) -> {
            assertThat(context).hasSingleBean(PropertiesCorsPolicyResolver.class)
                .hasSingleBean(FilterRegistrationBean.class)
                .doesNotHaveBean(FetchCorsWebFilter.class)
                .doesNotHaveBean("corsFilter")
                .doesNotHaveBean("corsConfigurationSource");
            FilterRegistrationBean<FetchCorsFilter> registration = context.getBean(FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(FetchCorsFilter.class);
            assertThat(registration.getOrder()).isEqualTo(-110).isLessThan(-100);
            assertThat(registration).extracting("dispatcherTypes")
                .asString()
                .contains(DispatcherType.REQUEST.name(), DispatcherType.ERROR.name());
            assertThat(context.getBeanNamesForType(FilterRegistrationBean.class))
                .containsExactly("fetchCorsFilterRegistration");
        });
    }

    @Test
    void reactiveWebFilterIsRegisteredBeforeSecurity() {
        this.reactive.withPropertyValues("app.cors.allowed-origins=https://app.example.com").run((context) -> {
            assertThat(context).hasSingleBean(FetchCorsWebFilter.class)
                .doesNotHaveBean(FilterRegistrationBean.class)
                .doesNotHaveBean("corsFilter")
                .doesNotHaveBean("corsConfigurationSource");
            assertThat(context.getBean(FetchCorsWebFilter.class).getOrder()).isEqualTo(-110).isLessThan(-100);
        });
    }

    @Test
    void nothingOutsideAWebApplication() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsPolicyResolver.class)
                .doesNotHaveBean(FetchCorsWebFilter.class)
                .doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void disabledRegistersNothing() {
        this.servlet
            .withPropertyValues("app.cors.enabled=false", "app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsPolicyResolver.class)
                .doesNotHaveBean(FilterRegistrationBean.class));
        this.reactive
            .withPropertyValues("app.cors.enabled=false", "app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsPolicyResolver.class)
                .doesNotHaveBean(FetchCorsWebFilter.class));
    }

    @Test
    void noOriginsMeansNoFilterAndOneInfoLine(CapturedOutput output) {
        this.servlet.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(FilterRegistrationBean.class));
        assertThat(output).containsOnlyOnce("No CORS filter registered: no origin is allowed");
        this.reactive.withPropertyValues("app.cors.allow-credentials=true")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FetchCorsWebFilter.class));
        assertThat(output.toString().split("No CORS filter registered", -1)).hasSize(3);
    }

    @Test
    void originsOfAPerPathPolicyAloneAreEnough() {
        this.servlet
            .withPropertyValues("app.cors.policies[0].name=public", "app.cors.policies[0].path-patterns=/public/**",
                    "app.cors.policies[0].allowed-origins=*")
            .run((context) -> {
                assertThat(context).hasSingleBean(FilterRegistrationBean.class);
                CorsPolicies policies = context.getBean(PropertiesCorsPolicyResolver.class).policies();
                assertThat(policies.defaultPolicy()).isNull();
                assertThat(policies.select(path("/elsewhere"))).isNull();
                assertThat(policies.select(path("/public/a"))).isNotNull();
            });
    }

    @Test
    void servletFilterBacksOffWithoutServletClasses() {
        this.servlet.withClassLoader(new FilteredClassLoader(jakarta.servlet.Filter.class))
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void webFilterBacksOffWithoutReactiveClasses() {
        this.reactive.withClassLoader(new FilteredClassLoader(WebFilter.class, Mono.class))
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).doesNotHaveBean(FetchCorsWebFilter.class));
    }

    @Test
    void everythingBacksOffWithoutSpringWeb() {
        this.servlet.withClassLoader(new FilteredClassLoader("org.springframework.web.util.pattern"))
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsPolicyResolver.class)
                .doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void backsOffForAUserFilterRegistration() {
        this.servlet.withUserConfiguration(UserFilterRegistration.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context.getBeanNamesForType(FilterRegistrationBean.class))
                .containsExactly("myCorsFilter"));
    }

    @Test
    void backsOffForAUserWebFilter() {
        this.reactive.withUserConfiguration(UserWebFilter.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context.getBeanNamesForType(FetchCorsWebFilter.class))
                .containsExactly("myCorsWebFilter"));
    }

    @Test
    void aUserResolverReplacesTheProperties() {
        this.servlet.withUserConfiguration(UserResolver.class).run((context) -> {
            assertThat(context).doesNotHaveBean(PropertiesCorsPolicyResolver.class).hasSingleBean(FilterRegistrationBean.class);
            assertThat(context.getBean(CorsPolicyResolver.class)).isSameAs(context.getBean("tenantResolver"));
        });
        this.reactive.withUserConfiguration(UserResolver.class)
            .run((context) -> assertThat(context).hasSingleBean(FetchCorsWebFilter.class)
                .doesNotHaveBean(PropertiesCorsPolicyResolver.class));
    }

    @Test
    void aUserPolicyIsTheDefaultAndPerPathPoliciesInheritFromIt() {
        this.servlet.withUserConfiguration(UserPolicy.class)
            .withPropertyValues("app.cors.allowed-origins=https://ignored.example")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidCorsConfigurationException.class)
                .hasMessageContaining("app.cors.allowed-origins"));
        this.servlet.withUserConfiguration(UserPolicy.class)
            .withPropertyValues("app.cors.policies[0].name=admin", "app.cors.policies[0].path-patterns=/admin/**",
                    "app.cors.policies[0].allow-credentials=true")
            .run((context) -> {
                assertThat(context).hasSingleBean(FilterRegistrationBean.class);
                CorsPolicies policies = context.getBean(PropertiesCorsPolicyResolver.class).policies();
                assertThat(policies.defaultPolicy().policy()).isSameAs(context.getBean(CorsPolicy.class));
                CorsConfig admin = policies.pathPolicies().get(0).policy().config();
                assertThat(admin.allowedOrigins()).containsExactly("https://bean.example");
                assertThat(admin.allowCredentials()).isTrue();
            });
    }

    @Test
    void anOriginCheckAloneEnablesTheFilterAndFeedsEveryPolicy() {
        this.reactive.withUserConfiguration(UserOriginCheck.class)
            .withPropertyValues("app.cors.policies[0].name=api", "app.cors.policies[0].path-patterns=/api/**")
            .run((context) -> {
                assertThat(context).hasSingleBean(FetchCorsWebFilter.class);
                CorsPolicies policies = context.getBean(PropertiesCorsPolicyResolver.class).policies();
                OriginCheck check = context.getBean(OriginCheck.class);
                assertThat(policies.defaultPolicy().policy().config().originCheck()).isSameAs(check);
                assertThat(policies.pathPolicies().get(0).policy().config().originCheck()).isSameAs(check);
            });
    }

    @Test
    void customizersRunInOrderForEveryPolicyByName() {
        this.servlet.withUserConfiguration(UserCustomizers.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com",
                    "app.cors.policies[0].name=partner-api", "app.cors.policies[0].path-patterns=/partner/**")
            .run((context) -> {
                CorsPolicies policies = context.getBean(PropertiesCorsPolicyResolver.class).policies();
                assertThat(policies.defaultPolicy().policy().config().allowedMethods()).containsExactly("PUT", "DELETE");
                CorsConfig partner = policies.pathPolicies().get(0).policy().config();
                assertThat(partner.allowedOrigins()).containsExactly("https://app.example.com",
                        "https://partner.example");
                assertThat(partner.allowedMethods()).containsExactly("PUT", "DELETE");
            });
    }

    @Test
    void aCustomizerIsValidatedLikeTheProperties() {
        this.servlet.withUserConfiguration(BadCustomizer.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> {
                assertThat(context).hasFailed()
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidCorsConfigurationException.class)
                    .hasMessageContaining("app.cors.allowed-origins[1]");
                InvalidCorsConfigurationException failure = (InvalidCorsConfigurationException) rootCause(
                        context.getStartupFailure());
                assertThat(failure.problems()).singleElement()
                    .satisfies((problem) -> assertThat(problem.value()).isEqualTo("http://partner.example/"));
            });
    }

    @Test
    void aValidatorsProblemsJoinTheEnginesInOneReportAndInheritedOnesAreReportedOnce() {
        this.servlet.withUserConfiguration(NoCredentialsValidator.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com,https://*.com",
                    "app.cors.allow-credentials=true", "app.cors.policies[0].name=partner-api",
                    "app.cors.policies[0].path-patterns=/partner/**",
                    "app.cors.policies[0].allowed-origins=https://partner.example")
            .run((context) -> {
                assertThat(context).hasFailed();
                InvalidCorsConfigurationException failure = (InvalidCorsConfigurationException) rootCause(
                        context.getStartupFailure());
                assertThat(failure.problems()).extracting((problem) -> problem.property() + "=" + problem.value())
                    .containsExactly("app.cors.allowed-origins[1]=https://*.com", "app.cors.allow-credentials=true");
                assertThat(failure.problems().get(1).reason()).isEqualTo("not in this company.");
            });
        this.servlet.withUserConfiguration(NoCredentialsValidator.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com",
                    "app.cors.policies[0].name=partner-api", "app.cors.policies[0].path-patterns=/partner/**",
                    "app.cors.policies[0].allow-credentials=true")
            .run((context) -> {
                InvalidCorsConfigurationException failure = (InvalidCorsConfigurationException) rootCause(
                        context.getStartupFailure());
                assertThat(failure.problems()).extracting((problem) -> problem.property())
                    .containsExactly("app.cors.policies[0].allow-credentials");
            });
        this.servlet.withUserConfiguration(NoCredentialsValidator.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FilterRegistrationBean.class));
    }

    @Test
    void invalidPropertiesFailTheContextWithEveryProblem() {
        this.servlet
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com,https://*.com",
                    "app.cors.allowed-methods=CONNECT", "app.cors.policies[0].name=public",
                    "app.cors.policies[0].path-patterns=/public/{*a}/b", "app.cors.policies[0].max-age=48h")
            .run((context) -> {
                assertThat(context).hasFailed();
                InvalidCorsConfigurationException failure = (InvalidCorsConfigurationException) rootCause(
                        context.getStartupFailure());
                assertThat(failure.problems()).extracting((problem) -> problem.property())
                    .containsExactlyInAnyOrder("app.cors.allowed-origins[1]", "app.cors.allowed-methods[0]",
                            "app.cors.policies[0].path-patterns[0]", "app.cors.policies[0].max-age");
                String analysis = new CorsConfigFailureAnalyzer().analyze(context.getStartupFailure())
                    .getDescription();
                assertThat(analysis).contains("4 problems", "Property: app.cors.policies[0].max-age",
                        "Value: \"https://*.com\"", "Fix: ");
            });
    }

    @Test
    void riskyConfigurationsStopTheStartupWithTheirPropertyAndFix() {
        this.servlet
            .withPropertyValues("app.cors.allowed-origins=*", "app.cors.allow-private-network=true",
                    "app.cors.allowed-headers=Content-Type,Access-Control-Allow-Origin",
                    "app.cors.exposed-headers=X-Total-Count,Access-Control-Request-Method")
            .run((context) -> {
                assertThat(context).hasFailed();
                InvalidCorsConfigurationException failure = (InvalidCorsConfigurationException) rootCause(
                        context.getStartupFailure());
                assertThat(failure.problems()).extracting((problem) -> problem.property() + "=" + problem.value())
                    .containsExactly("app.cors.allowed-headers[1]=Access-Control-Allow-Origin",
                            "app.cors.exposed-headers[1]=Access-Control-Request-Method",
                            "app.cors.allow-private-network=true");
                assertThat(failure.problems().get(2).fix())
                    .contains("dangerously-allow-private-network-from-any-origin=true");
            });
        this.servlet
            .withPropertyValues("app.cors.allowed-origins=*", "app.cors.allow-private-network=true",
                    "app.cors.dangerously-allow-private-network-from-any-origin=true")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FilterRegistrationBean.class));
    }

    @Test
    void policiesAreSummarisedAtStartup(CapturedOutput output) {
        this.servlet
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com",
                    "app.cors.allow-credentials=true", "app.cors.policies[0].name=public",
                    "app.cors.policies[0].path-patterns=/public/**", "app.cors.policies[0].allowed-origins=*",
                    "app.cors.policies[0].allow-credentials=false")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).contains("CORS policies in force:" + System.lineSeparator()
                + "default: origins [https://app.example.com], methods [], headers [], credentials, no max-age"
                + System.lineSeparator()
                + "public for [/public/**]: origins [*], methods [], headers [], no credentials, no max-age");
    }

    private static PathContainer path(String path) {
        return RequestPath.parse(path, null).pathWithinApplication();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Configuration(proxyBeanMethods = false)
    static class UserFilterRegistration {

        @Bean
        FilterRegistrationBean<FetchCorsFilter> myCorsFilter() {
            return new FilterRegistrationBean<>(new FetchCorsFilter(CorsPolicyResolver
                .of(CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://mine.example").build()))));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserWebFilter {

        @Bean
        FetchCorsWebFilter myCorsWebFilter() {
            return new FetchCorsWebFilter(CorsPolicyResolver
                .of(CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://mine.example").build())));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserResolver {

        @Bean
        CorsPolicyResolver tenantResolver() {
            CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://t1.example").build());
            NamedCorsPolicy named = NamedCorsPolicy.of("t1", policy);
            return (request) -> request.path().pathWithinApplication().value().startsWith("/t1/") ? named : null;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserPolicy {

        @Bean
        CorsPolicy corsPolicy() {
            return CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://bean.example").build());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserOriginCheck {

        @Bean
        OriginCheck originCheck() {
            return (origin) -> origin.endsWith(".tenant.example");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserCustomizers {

        @Bean
        @Order(2)
        CorsConfigCustomizer partnerOrigins() {
            return (name, builder) -> {
                if (name.equals("partner-api")) {
                    builder.addAllowedOrigins("https://partner.example");
                }
            };
        }

        @Bean
        @Order(1)
        CorsConfigCustomizer methods() {
            return (name, builder) -> builder.allowedMethods(List.of("PUT", "DELETE"));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class NoCredentialsValidator {

        @Bean
        CorsConfigValidator noCredentials() {
            return (name, config) -> config.allowCredentials()
                    ? List.of(new ConfigProblem(CorsConfig.Setting.ALLOW_CREDENTIALS.key(), "true",
                            "not in this company.", "set it to false."))
                    : List.of();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BadCustomizer {

        @Bean
        CorsConfigCustomizer badOrigin() {
            return (name, builder) -> builder.addAllowedOrigins("http://partner.example/");
        }

    }

}
