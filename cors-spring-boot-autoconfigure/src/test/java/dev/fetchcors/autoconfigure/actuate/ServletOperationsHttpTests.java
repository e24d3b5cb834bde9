package dev.fetchcors.autoconfigure.actuate;

/** The actuator endpoint and the metrics on Spring MVC and Tomcat. */
class ServletOperationsHttpTests extends OperationsHttpTests {

    @Override
    boolean reactive() {
        return false;
    }

}
