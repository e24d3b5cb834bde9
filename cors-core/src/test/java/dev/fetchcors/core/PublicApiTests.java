package dev.fetchcors.core;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's public types, the API one page can print (the package's documentation lists them): widening it is a
 * decision, so a new public type fails this test until it is added here and to {@code package-info}.
 */
class PublicApiTests {

    static final List<String> PUBLIC_TYPES = List.of("BrowserClassifier", "BrowserRules", "ConfigProblem",
            "CorsAnswer", "CorsConfig", "CorsConfigException", "CorsDecision", "CorsDifference", "CorsHeaders",
            "CorsPolicy", "CorsRequest", "OriginCheck", "OriginEntries");

    @Test
    void everyPublicTypeIsListed() throws Exception {
        Path classes = Path.of(CorsPolicy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                if (name.contains("$") || name.equals("package-info")) {
                    continue;
                }
                if (Modifier.isPublic(Class.forName("dev.fetchcors.core." + name).getModifiers())) {
                    types.add(name);
                }
            }
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
    }

    @Test
    void thePackageDocumentationNamesEveryPublicType() throws Exception {
        String packageInfo = Files.readString(Path.of("src/main/java/dev/fetchcors/core/package-info.java"));
        for (String type : PUBLIC_TYPES) {
            assertThat(packageInfo).as(type).contains("{@link dev.fetchcors.core." + type + "}");
        }
    }

}
