package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.http.TestApps;

import org.springframework.context.ConfigurableApplicationContext;

/** Path selection on Spring WebFlux and Netty. */
class ReactivePathSelectionHttpTests extends PathSelectionHttpTests {

    @Override
    ConfigurableApplicationContext start(String... properties) {
        return TestApps.reactive(App.class, false, properties);
    }

}
