package dev.fetchcors.benchmarks.http.mvc;

import dev.fetchcors.benchmarks.Policies;
import dev.fetchcors.benchmarks.Scenario;
import dev.fetchcors.benchmarks.http.OriginTable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The Spring MVC app on Tomcat that {@code benchmarks/run} loads over HTTP, in one of three profiles:
 * <ul>
 * <li>{@code fetchcors}: this library's starter, configured under {@code app.cors.*} with the rules of
 * {@link Policies#TYPICAL};</li>
 * <li>{@code spring}: Spring's {@link CorsFilter} with the same rules, at the same filter order;</li>
 * <li>{@code none}: no CORS at all, the baseline;</li>
 * <li>{@code fetchcors,source}: the starter as in {@code fetchcors}, with 100,000 more origins loaded from a table
 * ({@link OriginTable}).</li>
 * </ul>
 */
@SpringBootApplication
@Import(OriginTable.class)
public class MvcLoadTestApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(MvcLoadTestApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.run(args);
    }

    @RestController
    static class ItemsController {

        @GetMapping(Scenario.PATH)
        String items() {
            return "[{\"id\":1,\"name\":\"first\"},{\"id\":2,\"name\":\"second\"}]";
        }

    }

    @Configuration(proxyBeanMethods = false)
    @Profile("spring")
    static class SpringCorsConfiguration {

        // Not named corsFilter, so that nothing else picks it up by name.
        @Bean
        FilterRegistrationBean<CorsFilter> springCorsFilterRegistration() {
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", Policies.TYPICAL.spring());
            FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
            registration.setOrder(-110);
            return registration;
        }

    }

}
