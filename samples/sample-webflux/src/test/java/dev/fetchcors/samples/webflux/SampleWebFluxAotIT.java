package dev.fetchcors.samples.webflux;

import java.nio.file.Path;

import dev.fetchcors.samples.aot.AotModeTest;

/** The sample's jar, processed by Spring AOT in this build, started in AOT mode. */
class SampleWebFluxAotIT extends AotModeTest {

    @Override
    protected Path target() {
        return Path.of("target");
    }

}
