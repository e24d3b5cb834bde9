package dev.fetchcors.autoconfigure;

import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the module depend on each other one way: the compiled classes, read by the JDK's {@code jdeps},
 * have no cycle between packages, and the root package (auto-configuration, properties, extension points) names
 * none of the others, which all build on it.
 */
class PackageDependenciesTests {

    private static final String ROOT = "dev.fetchcors.autoconfigure";

    @Test
    void packagesDependOnEachOtherOneWay() throws Exception {
        Map<String, Set<String>> graph = dependencies();
        assertThat(graph).containsKeys(ROOT, ROOT + ".web", ROOT + ".servlet", ROOT + ".reactive", ROOT + ".gateway");
        assertThat(graph.get(ROOT)).as("the root package's dependencies on the others").isEmpty();
        for (String from : graph.keySet()) {
            assertThat(path(graph, from, from, new TreeSet<>())).as("a cycle through %s", from).isNull();
        }
    }

    @Test
    void theGatewayIsNamedByTheGatewayPackageAlone() throws Exception {
        Map<String, Set<String>> graph = dependencies();
        graph.forEach((from, to) -> {
            if (!from.equals(ROOT + ".gateway")) {
                assertThat(to).as("%s depends on", from).doesNotContain(ROOT + ".gateway");
            }
        });
    }

    /** A path of dependencies from {@code from} back to {@code target}, or {@code null}. */
    private static List<String> path(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                return new ArrayList<>(List.of(from, next));
            }
            if (seen.add(next)) {
                List<String> rest = path(graph, next, target, seen);
                if (rest != null) {
                    rest.add(0, from);
                    return rest;
                }
            }
        }
        return null;
    }

    /** Every package of the module and the packages of the module it depends on, from jdeps. */
    private static Map<String, Set<String>> dependencies() throws Exception {
        Path classes = Path.of(ClassUtils.getDefaultClassLoader()
            .getResource(CorsProperties.class.getName().replace('.', '/') + ".class")
            .toURI()).getParent();
        for (int i = 0; i < ROOT.split("\\.").length; i++) {
            classes = classes.getParent();
        }
        assertThat(Files.isDirectory(classes.resolve("dev/fetchcors/autoconfigure"))).isTrue();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                "-include", ROOT.replace(".", "\\.") + ".*", "--multi-release", "base", "-e",
                ROOT.replace(".", "\\.") + ".*", classes.toString());
        assertThat(status).as(out.toString()).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        Matcher line = Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "[\\w.]*)\\s+->\\s+(" + Pattern.quote(ROOT)
                + "[\\w.]*)\\s", Pattern.MULTILINE).matcher(out.toString());
        while (line.find()) {
            graph.computeIfAbsent(line.group(1), (key) -> new TreeSet<>());
            if (!line.group(1).equals(line.group(2))) {
                graph.get(line.group(1)).add(line.group(2));
            }
        }
        return graph;
    }

}
