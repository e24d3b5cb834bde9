package dev.fetchcors.autoconfigure.actuate;

/** The actuator endpoint and the metrics on WebFlux and Netty. */
class ReactiveOperationsHttpTests extends OperationsHttpTests {

    @Override
    boolean reactive() {
        return true;
    }

}
