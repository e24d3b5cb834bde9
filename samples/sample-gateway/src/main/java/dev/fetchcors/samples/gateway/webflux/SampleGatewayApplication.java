package dev.fetchcors.samples.gateway.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Cloud Gateway Server WebFlux in front of two services. Its routes and its CORS policies are in
 * {@code application.yml}; the starter makes it the single CORS owner of every route.
 */
@SpringBootApplication
public class SampleGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleGatewayApplication.class, args);
    }

}
