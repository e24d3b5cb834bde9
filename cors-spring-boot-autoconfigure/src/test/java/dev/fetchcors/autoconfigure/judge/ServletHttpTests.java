package dev.fetchcors.autoconfigure.judge;

import dev.fetchcors.autoconfigure.http.TestApps;

import dev.fetchcors.autoconfigure.http.InteropController;
import dev.fetchcors.autoconfigure.http.TestController;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The shared HTTP table against a Spring MVC application on Tomcat. */
public class ServletHttpTests extends HttpTableTests {

    @Override
    ConfigurableApplicationContext startPlain(String... properties) {
        return TestApps.servlet(MvcApp.class, false, properties);
    }

    @Override
    ConfigurableApplicationContext startInterop(String... properties) {
        return TestApps.servlet(InteropApp.class, false, properties);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ TestController.class, VaryReplacingController.class })
    public static class MvcApp {

        @Bean
        FilterRegistrationBean<Filter> earlyVaryFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new EarlyVaryFilter());
            registration.addUrlPatterns("/early/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

    }

    /** Handlers that replace the response's Vary themselves, then end without a body or fail. */
    @RestController
    static class VaryReplacingController {

        @GetMapping("/api/vary-no-body")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void varyNoBody(HttpServletResponse response) {
            response.setHeader("Vary", "Accept-Language");
        }

        @GetMapping("/api/vary-then-boom")
        String varyThenBoom(HttpServletResponse response) {
            response.setHeader("Vary", "Accept-Language");
            throw new IllegalStateException("Thrown on purpose by the test controller");
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(InteropController.class)
    public static class InteropApp implements WebMvcConfigurer {

        @Override
        public void addCorsMappings(CorsRegistry registry) {
            registry.addMapping("/mapped/**").allowedOrigins("https://app.example.com", "https://mapped.example");
        }

    }

    /** Sets a Vary of its own before the CORS filter runs. */
    static class EarlyVaryFilter implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            ((HttpServletResponse) response).setHeader("Vary", "Accept-Encoding");
            chain.doFilter(request, response);
        }

    }

}
