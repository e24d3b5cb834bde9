package dev.fetchcors.autoconfigure.refresh;

import dev.fetchcors.autoconfigure.http.OperationsHttp;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.fetchcors.autoconfigure.http.OperationsHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Changing the policies without a restart: the properties file is rewritten and Spring Cloud's
 * {@link ContextRefresher} reloads it while clients keep sending preflights and actual requests. Every answer must
 * come entirely from the old policies or entirely from the new ones, never a mix, and only new ones once the
 * refresh returned; an invalid change must leave the new policies answering and say why at ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefreshHttpTests {

    private static final String BOTH = "https://both.example";

    private static final String OLD_ONLY = "https://old.example";

    private static final String NEW_ONLY = "https://new.example";

    /** Differs from {@link #NEW} in origins, methods, exposed headers and max-age at once. */
    private static final String OLD = """
            app.cors.allowed-origins=https://both.example,https://old.example
            app.cors.allowed-methods=PUT,DELETE
            app.cors.exposed-headers=X-Old
            app.cors.max-age=100
            """;

    private static final String NEW = """
            app.cors.allowed-origins=https://both.example,https://new.example
            app.cors.allowed-methods=PATCH,DELETE
            app.cors.exposed-headers=X-New
            app.cors.max-age=200
            """;

    private static final int CLIENTS = 4;

    private static final int MAX_ROUNDS_PER_CLIENT = 400;

    enum Answer {

        OLD, NEW, MIXED

    }

    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void refreshUnderLoadAnswersEntirelyOldOrEntirelyNew(boolean reactive, @TempDir Path directory,
            CapturedOutput output) throws Exception {
        Path file = directory.resolve("cors.properties");
        Files.writeString(file, OLD);
        ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                "spring.config.import=file:" + file.toAbsolutePath());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            assertThat(answer(context, "preflight")).isEqualTo(Answer.OLD);
            ContextRefresher refresher = context.getBean(ContextRefresher.class);
            AtomicLong refreshedAt = new AtomicLong(Long.MAX_VALUE);
            AtomicInteger sent = new AtomicInteger();
            Map<Answer, AtomicInteger> answers = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int client = 0; client < CLIENTS; client++) {
                clients.execute(() -> {
                    for (int round = 0; round < MAX_ROUNDS_PER_CLIENT && System.nanoTime() < deadline; round++) {
                        String kind = List.of("preflight", "actual-old", "actual-new").get(round % 3);
                        long start = System.nanoTime();
                        try {
                            Answer answer = answer(context, kind);
                            sent.incrementAndGet();
                            answers.computeIfAbsent(answer, (key) -> new AtomicInteger()).incrementAndGet();
                            if (answer == Answer.MIXED) {
                                failures.add(kind + ": an answer mixing both policies");
                            }
                            else if (start > refreshedAt.get() && answer != Answer.NEW) {
                                failures.add(kind + ": an old answer to a request sent after the refresh");
                            }
                        }
                        catch (Exception ex) {
                            failures.add(kind + ": " + ex);
                        }
                    }
                });
            }
            while (sent.get() < 150 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Files.writeString(file, NEW);
            Set<String> changed = refresher.refresh();
            refreshedAt.set(System.nanoTime());
            assertThat(changed).contains("app.cors.allowed-origins", "app.cors.exposed-headers");
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(failures).isEmpty();
            assertThat(answers.get(Answer.OLD)).as("old answers before the refresh").isNotNull();
            assertThat(answers.get(Answer.NEW)).as("new answers after the refresh").isNotNull();
            for (String kind : List.of("preflight", "actual-old", "actual-new")) {
                assertThat(answer(context, kind)).isEqualTo(Answer.NEW);
            }

            // An invalid change is refused as a whole: the new policies keep answering.
            Files.writeString(file, """
                    app.cors.allowed-origins=https://both.example,https://old.example/
                    app.cors.allowed-methods=TRACE
                    app.cors.exposed-headers=X-Old
                    app.cors.max-age=100
                    """);
            refresher.refresh();
            for (String kind : List.of("preflight", "actual-old", "actual-new")) {
                assertThat(answer(context, kind)).isEqualTo(Answer.NEW);
            }
            assertThat(output).contains("ERROR")
                .contains("CORS refresh refused, the previous policies stay in force (2 problems)")
                .contains("Property: app.cors.allowed-origins[1]" + System.lineSeparator()
                        + "    Value: \"https://old.example/\"")
                .contains("Property: app.cors.allowed-methods[0]" + System.lineSeparator() + "    Value: \"TRACE\"");
        }
        finally {
            clients.shutdownNow();
            context.close();
        }
    }

    @Test
    void valueThatCannotBeBoundIsRefusedAndNamed(@TempDir Path directory, CapturedOutput output) throws Exception {
        Path file = directory.resolve("cors.properties");
        Files.writeString(file, OLD);
        ConfigurableApplicationContext context = OperationsHttp.start(false,
                "spring.config.import=file:" + file.toAbsolutePath());
        try {
            Files.writeString(file, OLD.replace("max-age=100", "max-age=a while"));
            // Spring Cloud's rebinding of the CorsProperties bean fails too, after the CORS refresh said why.
            assertThatExceptionOfType(RuntimeException.class)
                .isThrownBy(() -> context.getBean(ContextRefresher.class).refresh());
            assertThat(answer(context, "preflight")).isEqualTo(Answer.OLD);
            assertThat(output).contains("CORS refresh refused").contains("Property: app.cors.max-age" + System.lineSeparator()
                + "    Value: \"a while\"");
        }
        finally {
            context.close();
        }
    }

    /**
     * Sends one request and says which policy answered it: a preflight from an origin both allow (the methods and
     * max-age differ), or an actual request from the origin only the old, or only the new, policy allows.
     */
    private static Answer answer(ConfigurableApplicationContext context, String kind) throws Exception {
        HttpResponse<String> response = switch (kind) {
            case "preflight" -> send(context, "OPTIONS", "/api/hello", "Origin", BOTH,
                    "Access-Control-Request-Method", "DELETE");
            case "actual-old" -> send(context, "GET", "/api/hello", "Origin", OLD_ONLY);
            default -> send(context, "GET", "/api/hello", "Origin", NEW_ONLY);
        };
        assertThat(response.statusCode()).as(kind).isLessThan(500);
        String allowOrigin = header(response, "Access-Control-Allow-Origin");
        String methods = header(response, "Access-Control-Allow-Methods");
        String maxAge = header(response, "Access-Control-Max-Age");
        String exposed = header(response, "Access-Control-Expose-Headers");
        return switch (kind) {
            case "preflight" -> (response.statusCode() == 204 && BOTH.equals(allowOrigin)
                    && methods.contains("PUT") && !methods.contains("PATCH") && "100".equals(maxAge)) ? Answer.OLD
                            : (response.statusCode() == 204 && BOTH.equals(allowOrigin) && methods.contains("PATCH")
                                    && !methods.contains("PUT") && "200".equals(maxAge)) ? Answer.NEW : Answer.MIXED;
            case "actual-old" -> (OLD_ONLY.equals(allowOrigin) && "X-Old".equals(exposed)) ? Answer.OLD
                    : (allowOrigin.isEmpty() && exposed.isEmpty()) ? Answer.NEW : Answer.MIXED;
            default -> (NEW_ONLY.equals(allowOrigin) && "X-New".equals(exposed)) ? Answer.NEW
                    : (allowOrigin.isEmpty() && exposed.isEmpty()) ? Answer.OLD : Answer.MIXED;
        };
    }

    private static String header(HttpResponse<String> response, String name) {
        return String.join(",", response.headers().allValues(name));
    }

}
