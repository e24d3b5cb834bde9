package dev.fetchcors.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core works in a native image without Spring: its descriptor names, as a GraalVM resource pattern, every file
 * the core reads from the class path.
 */
class NativeImageMetadataTests {

    private static final String DESCRIPTOR = "META-INF/native-image/dev.fetchcors/cors-core/resource-config.json";

    @Test
    void theDescriptorIncludesEveryBundledResource() throws IOException {
        String descriptor;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DESCRIPTOR)) {
            assertThat(in).as(DESCRIPTOR).isNotNull();
            descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher patterns = Pattern.compile("\"pattern\"\\s*:\\s*\"\\\\\\\\Q([^\\\\]+)\\\\\\\\E\"").matcher(descriptor);
        java.util.List<String> included = new java.util.ArrayList<>();
        while (patterns.find()) {
            included.add(patterns.group(1));
        }
        assertThat(included).contains("dev/fetchcors/core/public_suffix_list.dat",
                "dev/fetchcors/core/PUBLIC_SUFFIX_LIST_NOTICE.txt");
        for (String resource : included) {
            assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
        }
        // The one the engine reads, where it reads it.
        assertThat(PublicSuffixList.class.getResource("public_suffix_list.dat")).isNotNull();
    }

}
