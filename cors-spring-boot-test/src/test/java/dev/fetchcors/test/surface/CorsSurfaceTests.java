package dev.fetchcors.test.surface;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static dev.fetchcors.test.CorsAssertions.assertThatCorsSurface;

@SpringBootTest
class CorsSurfaceTests {

    @Autowired
    ApplicationContext context;

    @Test
    void corsSurface() {
        assertThatCorsSurface(this.context).matchesFile("src/test/resources/cors-surface.md");
    }

}
