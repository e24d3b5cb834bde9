package dev.fetchcors.samples.gateway.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Cloud Gateway Server MVC in front of two services. Gateway Server MVC has no CORS support of its own:
 * the starter answers every preflight and owns the CORS headers of every route, configured in
 * {@code application.yml}.
 */
@SpringBootApplication
public class SampleGatewayMvcApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleGatewayMvcApplication.class, args);
    }

}
