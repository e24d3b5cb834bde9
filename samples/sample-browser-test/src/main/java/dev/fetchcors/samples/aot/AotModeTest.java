package dev.fetchcors.samples.aot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.fetchcors.test.CorsPolicyTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a sample's packaged jar, processed by Spring AOT during the build, in AOT mode
 * ({@code -Dspring.aot.enabled=true}, as a native image runs it), and checks its CORS policy with a preflight and
 * an actual request. A subclass names the sample's jar.
 */
public abstract class AotModeTest {

    private static final Pattern PORT = Pattern.compile("started on port (\\d+)");

    /** The directory of the sample's build, where its jar is. */
    protected abstract Path target();

    @Test
    void theAotProcessedApplicationAnswersCorsInAotMode() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(target())) {
            jar = files.filter((file) -> file.getFileName().toString().endsWith(".jar")
                    && !file.getFileName().toString().endsWith("-plain.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No jar in " + target() + ": run the package phase"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process application = new ProcessBuilder(java.toString(), "-Dspring.aot.enabled=true", "-jar", jar.toString(),
                "--server.port=0", "--logging.level.dev.fetchcors=info").redirectErrorStream(true).start();
        List<String> log = new ArrayList<>();
        try {
            int port = awaitPort(application, log);
            assertThat(String.join("\n", log)).as("started from the AOT-generated initializer")
                .contains("Starting AOT-processed");
            String page = "http://localhost:" + port;
            CorsPolicyTable.of(URI.create("http://127.0.0.1:" + port))
                .allowsWithCredentials("/api/items/42", List.of(page), List.of("PUT"),
                        "Content-Type: application/json", "X-Request-Id: 1")
                .allowsWithCredentials("/api/greeting", List.of(page), List.of("GET"))
                .refuses("/api/greeting", List.of("https://evil.example"), List.of("GET", "PUT"))
                .allows("/api/public/status", List.of("https://anyone.example"), List.of("GET"))
                .verify();
        }
        finally {
            application.destroy();
            if (!application.waitFor(20, TimeUnit.SECONDS)) {
                application.destroyForcibly();
            }
        }
    }

    private static int awaitPort(Process application, List<String> log) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (log) {
                        log.add(line);
                    }
                    Matcher matcher = PORT.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("The application stopped:\n" + String.join("\n",
                        log)));
            }
            catch (IOException ex) {
                port.completeExceptionally(ex);
            }
        }, "aot-application-log");
        reader.setDaemon(true);
        reader.start();
        return port.get(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS);
    }

}
