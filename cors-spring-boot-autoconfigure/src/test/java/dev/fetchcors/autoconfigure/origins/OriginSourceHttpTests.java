package dev.fetchcors.autoconfigure.origins;

import dev.fetchcors.autoconfigure.http.OperationsHttp;
import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.TestApps;

import dev.fetchcors.autoconfigure.http.Postgres;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.fetchcors.autoconfigure.CorsOriginSource;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.RequestPath;

import static dev.fetchcors.autoconfigure.http.OperationsHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Origins that live in a table, on a real database (H2 embedded, and a real PostgreSQL server), on both stacks: a
 * tenant's origin inserted is allowed within one refresh, deleted is refused, loaded at once on demand; an invalid
 * row is skipped and reported while the others apply; the database going away keeps the last good origins and says
 * so; requests under load during refreshes never meet a mixed set; and 100,000 rows load, weigh and answer as
 * measured.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OriginSourceHttpTests {

    static final String STATIC = "https://static.example.com";

    static final String TENANT1 = "https://tenant1.example.com";

    static final String TENANT2 = "https://tenant2.example.com";

    private Postgres postgres;

    @BeforeAll
    void startPostgres() throws Exception {
        try {
            this.postgres = Postgres.start();
        }
        catch (org.opentest4j.TestAbortedException ex) {
            this.postgres = null;
        }
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (this.postgres != null) {
            this.postgres.close();
        }
    }

    Stream<Arguments> databases() {
        List<Arguments> databases = new ArrayList<>();
        for (boolean reactive : new boolean[] { false, true }) {
            databases.add(Arguments.of("H2", reactive));
            databases.add(Arguments.of("PostgreSQL", reactive));
        }
        return databases.stream();
    }

    /** The application's properties on the named database, with the tenant table of {@code schema.sql}. */
    String[] properties(String database, String... more) {
        List<String> all = new ArrayList<>(List.of("app.cors.allowed-origins=" + STATIC, "app.cors.allow-credentials=true",
                "app.cors.origin-source.query=select origin from tenant_domain where active",
                // The table's rows are the application's own here, patterns among them.
                "app.cors.origin-source.allow-patterns=true", "spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:origin-source/schema.sql",
                "spring.datasource.hikari.connection-timeout=1000",
                "management.endpoints.web.exposure.include=cors"));
        if (database.equals("PostgreSQL")) {
            requirePostgres();
            all.add("spring.datasource.url=" + this.postgres.url());
            all.add("spring.datasource.username=postgres");
            // A schema of its own per application, so that each starts from schema.sql.
            String schema = "s" + UUID.randomUUID().toString().replace("-", "");
            all.add("spring.datasource.hikari.connection-init-sql=create schema if not exists " + schema
                    + "; set search_path to " + schema);
        }
        else {
            all.add("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private void requirePostgres() {
        if (this.postgres == null) {
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL is not installed");
        }
    }

    @ParameterizedTest(name = "{0}, reactive: {1}")
    @MethodSource("databases")
    void aTenantInsertedIsAllowedWithinOneRefreshAndDeletedIsRefused(String database, boolean reactive)
            throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties(database, "app.cors.origin-source.refresh=300ms"))) {
            assertThat(allowed(context, TENANT1)).as("loaded at startup").isTrue();
            assertThat(allowed(context, "https://a.tenant9.example.com")).as("a pattern row").isTrue();
            assertThat(allowed(context, STATIC)).isTrue();
            assertThat(allowed(context, TENANT2)).isFalse();

            update(context, "insert into tenant_domain (origin) values ('" + TENANT2 + "')");
            awaitTrue(() -> allowed(context, TENANT2), "the inserted tenant allowed");
            update(context, "delete from tenant_domain where origin = '" + TENANT1 + "'");
            awaitTrue(() -> !allowed(context, TENANT1), "the deleted tenant refused");
            update(context, "update tenant_domain set active = false where origin = '" + TENANT2 + "'");
            awaitTrue(() -> !allowed(context, TENANT2), "the deactivated tenant refused");
            assertThat(allowed(context, STATIC)).as("the configured origins stay").isTrue();
        }
    }

    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aRefreshOnDemandOrFromSpringCloudLoadsAtOnce(boolean reactive) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h"))) {
            update(context, "insert into tenant_domain (origin) values ('" + TENANT2 + "')");
            Thread.sleep(300);
            assertThat(allowed(context, TENANT2)).as("not before the next refresh").isFalse();
            HttpResponse<String> refreshed = send(context, "POST", "/actuator/cors");
            assertThat(refreshed.statusCode()).isEqualTo(200);
            assertThat(refreshed.body()).contains("\"name\":\"jdbc\"").contains("\"origins\":3");
            assertThat(allowed(context, TENANT2)).as("right after the actuator's refresh").isTrue();

            String tenant3 = "https://tenant3.example.com";
            update(context, "insert into tenant_domain (origin) values ('" + tenant3 + "')");
            // What Spring Cloud's ContextRefresher publishes on /actuator/refresh and Bus's busrefresh.
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of()));
            awaitTrue(() -> allowed(context, tenant3), "after a Spring Cloud refresh");
        }
    }

    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void anInvalidRowIsSkippedAndReportedAndTheOthersApply(boolean reactive, CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h"))) {
            update(context, "insert into tenant_domain (origin) values ('https://acme.example.com/'), ('*'),"
                    + " (null), ('https://*.github.io'), ('http://insecure.example.com'), ('" + TENANT2 + "')");
            send(context, "POST", "/actuator/cors");
            assertThat(allowed(context, TENANT2)).isTrue();
            assertThat(allowed(context, TENANT1)).isTrue();
            for (String refused : new String[] { "https://acme.example.com", "https://evil.example",
                    "https://x.github.io", "http://insecure.example.com" }) {
                assertThat(allowed(context, refused)).as(refused).isFalse();
            }
            assertThat(output).contains("CORS origin source 'jdbc': entry 'https://acme.example.com/' skipped: not a"
                    + " serialized origin")
                .contains("Fix: write \"https://acme.example.com\".")
                .contains("entry '*' skipped: an entry loaded at run time grants at most the origin it names")
                .contains("entry 'https://*.github.io' skipped:");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("cors.origin.source.rejected").tag("source", "jdbc").gauge().value()).isEqualTo(5);
            assertThat(registry.get("cors.origin.source.origins").tag("source", "jdbc").gauge().value()).isEqualTo(3);
            Map<String, Object> listing = OperationsHttp.json(send(context, "GET", "/actuator/cors"));
            @SuppressWarnings("unchecked")
            Map<String, Object> source = ((List<Map<String, Object>>) listing.get("origin-sources")).get(0);
            assertThat(source).containsEntry("name", "jdbc").containsEntry("policy", "default")
                .containsEntry("origins", 3L).containsEntry("rejected-count", 5L);
            assertThat((List<?>) source.get("rejected")).hasSize(5);
            // Said once: the next load finds the same rows and says nothing more.
            send(context, "POST", "/actuator/cors");
            assertThat(output.toString().split("entry 'https://acme.example.com/' skipped", -1)).hasSize(2);
        }
    }

    /** H2: the table goes away under the query, and comes back. */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aFailingQueryKeepsTheLastGoodOriginsAndRecovers(boolean reactive, CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=200ms"))) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            update(context, "alter table tenant_domain rename to tenant_domain_moved");
            awaitTrue(() -> sources.status("jdbc").consecutiveFailures() > 0, "a failed load");
            assertThat(allowed(context, TENANT1)).as("the last good origins stay").isTrue();
            assertThat(output).contains("CORS origin source 'jdbc' (JDBC query 'select origin from tenant_domain"
                    + " where active') could not be loaded")
                .contains("Its last good entries (2 origins, loaded");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            awaitTrue(() -> registry.get("cors.origin.source.failures").functionCounter().count() >= 1, "counted");
            Thread.sleep(1100);
            assertThat(registry.get("cors.origin.source.age").gauge().value()).isGreaterThanOrEqualTo(1.0);
            update(context, "alter table tenant_domain_moved rename to tenant_domain");
            update(context, "insert into tenant_domain (origin) values ('" + TENANT2 + "')");
            awaitTrue(() -> allowed(context, TENANT2), "recovered");
            assertThat(sources.status("jdbc").consecutiveFailures()).isZero();
            assertThat(output).contains("CORS origin source 'jdbc' loaded again after");
        }
    }

    /** PostgreSQL: the server itself stops, and starts again. */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void theDatabaseStoppedKeepsTheLastGoodOriginsAndRecovers(boolean reactive, CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("PostgreSQL", "app.cors.origin-source.refresh=200ms"))) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            this.postgres.stopServer();
            try {
                awaitTrue(() -> sources.status("jdbc").consecutiveFailures() > 0, "a failed load");
                assertThat(allowed(context, TENANT1)).as("the last good origins stay").isTrue();
                assertThat(output).contains("could not be loaded");
            }
            finally {
                this.postgres.startServer();
            }
            // The pool may hand out a connection the stop broke: retried until the server takes the insert.
            awaitTrue(() -> {
                try {
                    update(context, "insert into tenant_domain (origin) values ('" + TENANT2 + "')");
                    return true;
                }
                catch (SQLException ex) {
                    return false;
                }
            }, "the server back");
            awaitTrue(() -> allowed(context, TENANT2), "recovered");
            assertThat(sources.status("jdbc").consecutiveFailures()).isZero();
        }
    }

    /**
     * Two versions of the table take turns while clients send requests: every answer is a 200, and every policy
     * snapshot a request can get allows one version's origins and not the other's, and the configured origin.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void underLoadDuringRefreshesNoRequestMeetsAMixedSet(boolean reactive) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=20ms", "server.tomcat.max-keep-alive-requests=-1"))) {
            DataSource dataSource = context.getBean(DataSource.class);
            CorsPolicyResolver resolver = context.getBean(CorsPolicyResolver.class);
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            int port = TestApps.port(context);
            // From one version to the other from now on: the rows schema.sql inserted are neither.
            replaceAll(dataSource, "b");
            sources.refreshNow();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger requests = new AtomicInteger();
            AtomicInteger snapshots = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
            try {
                tasks.add(pool.submit(() -> {
                    boolean a = true;
                    while (!stop.get()) {
                        replaceAll(dataSource, a ? "a" : "b");
                        a = !a;
                        Thread.sleep(15);
                    }
                    return null;
                }));
                for (int t = 0; t < 2; t++) {
                    int thread = t;
                    tasks.add(pool.submit(() -> {
                        try (RawHttp.Connection connection = RawHttp.connect(port)) {
                            for (int i = 0; !stop.get(); i++) {
                                String origin = "https://" + ((i % 2 == thread) ? "a" : "b") + (i % 50) + ".example";
                                RawHttp.Response response = connection.send("GET", "/api/hello", null, "Origin",
                                        origin);
                                requests.incrementAndGet();
                                String allowOrigin = response.first("Access-Control-Allow-Origin");
                                // Allowed: 200 naming the origin; refused: 403 before the application, naming none.
                                boolean allowed = response.status() == 200 && origin.equals(allowOrigin);
                                boolean refused = response.status() == 403 && allowOrigin == null;
                                if (!allowed && !refused) {
                                    problems.add(origin + ": " + response);
                                }
                            }
                        }
                        return null;
                    }));
                }
                tasks.add(pool.submit(() -> {
                    RequestPath path = RequestPath.parse("/api/hello", null);
                    while (!stop.get()) {
                        NamedCorsPolicy policy = resolver.resolve(new FixedRequest(path));
                        if (policy == null) {
                            continue;
                        }
                        int k = snapshots.incrementAndGet() % 50;
                        boolean a = policy.policy().evaluate(new FixedRequest(path, "https://a" + k + ".example"))
                            .isAllowed();
                        boolean b = policy.policy().evaluate(new FixedRequest(path, "https://b" + k + ".example"))
                            .isAllowed();
                        boolean fixed = policy.policy().evaluate(new FixedRequest(path, STATIC)).isAllowed();
                        if (a == b || !fixed) {
                            problems.add("snapshot " + snapshots.get() + ": a" + k + " " + a + ", b" + k + " " + b
                                    + ", static " + fixed);
                        }
                    }
                    return null;
                }));
                long loadsBefore = sources.loads();
                Thread.sleep(3000);
                stop.set(true);
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                for (java.util.concurrent.Future<?> task : tasks) {
                    task.get();
                }
                assertThat(sources.loads() - loadsBefore).as("loads during the test").isGreaterThan(20);
            }
            finally {
                stop.set(true);
                pool.shutdownNow();
            }
            assertThat(requests.get()).as("requests").isGreaterThan(200);
            assertThat(snapshots.get()).as("snapshots").isGreaterThan(200);
            assertThat(problems).isEmpty();
        }
    }

    /** Version a or b of the table, in one transaction: a0..a49 or b0..b49. */
    private static void replaceAll(DataSource dataSource, String version) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement delete = connection.createStatement();
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into tenant_domain (origin) values (?)")) {
                delete.executeUpdate("delete from tenant_domain");
                for (int i = 0; i < 50; i++) {
                    insert.setString(1, "https://" + version + i + ".example");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    /**
     * A hundred thousand rows: how long they take to load and compile, what they weigh in the heap, and an allowed
     * and a refused request over HTTP. The figures are printed for the documentation; speed is measured by JMH.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aHundredThousandRows(boolean reactive) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h"))) {
            DataSource dataSource = context.getBean(DataSource.class);
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into tenant_domain (origin) values (?)")) {
                for (int i = 0; i < 100_000; i++) {
                    insert.setString(1, "https://shop" + i + ".customers.example.com");
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
            }
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            List<CorsOriginSources.Status> statuses = context.getBean(CorsOriginSources.class).refreshNow();
            long took = System.nanoTime() - start;
            long after = usedHeapAfterGc();
            assertThat(statuses.get(0).origins()).isEqualTo(100_002);
            System.out.printf("100,000 rows (%s): loaded in %d ms (query %d ms), heap +%d KiB%n",
                    reactive ? "WebFlux" : "Spring MVC", took / 1_000_000, statuses.get(0).lastLoadTime().toMillis(),
                    (after - before) / 1024);
            assertThat(allowed(context, "https://shop77777.customers.example.com")).isTrue();
            assertThat(allowed(context, "https://shop100000.customers.example.com")).isFalse();
            assertThat(after - before).as("heap for 100,000 origins").isLessThan(100L * 1024 * 1024);
        }
    }

    /** A source's loads run on the starter's own thread (at startup, on the main one), never on a request's. */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void noLoadEverRunsOnARequestThread(boolean reactive) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive, "app.cors.allowed-origins="
                + STATIC, "app.cors.origin-source.refresh=50ms",
                "spring.main.sources=" + RecordingSource.class.getName())) {
            for (int i = 0; i < 20; i++) {
                allowed(context, TENANT1);
            }
            Thread.sleep(300);
            assertThat(allowed(context, TENANT1)).isTrue();
            assertThat(RecordingSource.threads).isNotEmpty()
                .allMatch((name) -> name.equals("cors-origin-sources") || name.equals("main"), "the loading threads");
        }
    }

    @ParameterizedTest(name = "fail-fast: {0}")
    @ValueSource(booleans = { true, false })
    void aSourceThatCannotBeLoadedAtStartup(boolean failFast, CapturedOutput output) throws Exception {
        String[] properties = properties("H2", "app.cors.origin-source.query=select origin from no_such_table",
                "app.cors.origin-source.fail-fast=" + failFast);
        if (failFast) {
            assertThatException().isThrownBy(() -> OperationsHttp.start(false, properties).close());
            assertThat(output).contains("Property: app.cors.origin-source.fail-fast")
                .contains("origin source 'jdbc' (JDBC query 'select origin from no_such_table') could not be loaded")
                .contains("set app.cors.origin-source.fail-fast=false to start with the configured origins");
        }
        else {
            try (ConfigurableApplicationContext context = OperationsHttp.start(false, properties)) {
                assertThat(allowed(context, STATIC)).isTrue();
                assertThat(output).contains("It was never loaded, so only the configured origins are in force");
            }
        }
    }

    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void withoutADataSourceTheQueryStopsTheStartup(boolean reactive, CapturedOutput output) {
        assertThatException().isThrownBy(() -> OperationsHttp.start(reactive, "app.cors.allowed-origins=" + STATIC,
                "app.cors.origin-source.query=select origin from tenant_domain",
                "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
            .close());
        assertThat(output).contains("Property: app.cors.origin-source.query")
            .contains("there is no single DataSource bean")
            .contains("add spring-boot-starter-jdbc and configure spring.datasource.*");
    }

    private static boolean allowed(ConfigurableApplicationContext context, String origin) throws Exception {
        HttpResponse<String> response = send(context, "GET", "/api/hello", "Origin", origin);
        return origin.equals(response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    private static void update(ConfigurableApplicationContext context, String sql) throws SQLException {
        try (Connection connection = context.getBean(DataSource.class).getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 10 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @FunctionalInterface
    interface Check {

        boolean holds() throws Exception;

    }

    /** A request to a path, with an origin or none, as the resolver and the engine read it. */
    private record FixedRequest(RequestPath path, String origin) implements dev.fetchcors.autoconfigure.ServerCorsRequest {

        FixedRequest(RequestPath path) {
            this(path, null);
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String header(String name) {
            return name.equalsIgnoreCase("Origin") ? this.origin : null;
        }

    }

    /** A source that notes the threads it is loaded on. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    static class RecordingSource {

        static final Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Bean
        CorsOriginSource recordingOrigins() {
            return () -> {
                threads.add(Thread.currentThread().getName());
                return List.of(TENANT1);
            };
        }

    }

}
