package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.http.TestApps;

import org.springframework.context.ConfigurableApplicationContext;

/** Path selection on Spring MVC and Tomcat. */
class ServletPathSelectionHttpTests extends PathSelectionHttpTests {

    @Override
    ConfigurableApplicationContext start(String... properties) {
        return TestApps.servlet(App.class, false, properties);
    }

}
