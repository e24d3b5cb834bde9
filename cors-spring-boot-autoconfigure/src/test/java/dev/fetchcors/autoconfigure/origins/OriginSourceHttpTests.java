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
import java.util.concurrent.CountDownLatch;
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
            HttpResponse<String> refreshed = reload(context);
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

    /**
     * A row that passes the entry check but that the policy refuses once added (here one of its send-only origins,
     * which may not be in allowed-origins too) is skipped and listed like any rejected row, with the policy's reason:
     * the other rows still come into force, and a deleted tenant still goes.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    @SuppressWarnings("unchecked")
    void aRowThePolicyRefusesIsSkippedAndTheOthersApply(boolean reactive) throws Exception {
        String idp = "https://idp.example.com";
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h", "app.cors.send-only-origins=" + idp))) {
            assertThat(allowed(context, TENANT1)).isTrue();
            update(context, "insert into tenant_domain (origin) values ('" + idp + "')");
            update(context, "delete from tenant_domain where origin = '" + TENANT1 + "'");
            update(context, "insert into tenant_domain (origin) values ('" + TENANT2 + "')");
            reload(context);
            assertThat(allowed(context, TENANT1)).as("the deleted tenant refused").isFalse();
            assertThat(allowed(context, TENANT2)).as("the new tenant allowed").isTrue();
            assertThat(allowed(context, idp)).as("the send-only origin still may not read").isFalse();
            Map<String, Object> source = jdbcSource(context);
            assertThat(source).containsEntry("consecutive-failures", 0L);
            assertThat((List<Map<String, Object>>) source.get("rejected"))
                .anySatisfy((row) -> assertThat(row).containsEntry("value", idp)
                    .hasEntrySatisfying("reason", (reason) -> assertThat((String) reason)
                        .isEqualTo("the policy refuses it (send-only-origins[0]): it is in allowed-origins too, which lets it send"
                                + " and read.")));
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
            reload(context);
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
            reload(context);
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
            // Two rows of those it comes back with are rejected: the recovery counts the origins in force.
            update(context, "insert into tenant_domain_moved (origin) values ('" + TENANT2 + "'), ('*'),"
                    + " ('https://acme.example.com/')");
            update(context, "alter table tenant_domain_moved rename to tenant_domain");
            awaitTrue(() -> allowed(context, TENANT2), "recovered");
            assertThat(sources.status("jdbc").consecutiveFailures()).isZero();
            assertThat(sources.status("jdbc").origins()).isEqualTo(3);
            awaitTrue(() -> output.toString().contains("CORS origin source 'jdbc' loaded again after"),
                    "the recovery logged");
            assertThat(output).containsPattern("CORS origin source 'jdbc' loaded again after \\d+ failures?: 3 origins"
                    + " in force, 2 entries rejected\\.");
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
                // With the two rows of schema.sql, 100,000: the default app.cors.origin-source.max-rows, loaded.
                for (int i = 0; i < 99_998; i++) {
                    insert.setString(1, "https://shop" + i + ".customers.example.com");
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            List<CorsOriginSources.Status> statuses = context.getBean(CorsOriginSources.class).refreshNow();
            long took = System.nanoTime() - start;
            long after = usedHeapAfterGc();
            assertThat(statuses.get(0).origins()).isEqualTo(100_000);
            System.out.printf("100,000 rows (%s): loaded in %d ms (query %d ms), heap +%d KiB%n",
                    reactive ? "WebFlux" : "Spring MVC", took / 1_000_000, statuses.get(0).lastLoadTime().toMillis(),
                    (after - before) / 1024);
            assertThat(allowed(context, "https://shop77777.customers.example.com")).isTrue();
            assertThat(allowed(context, "https://shop99998.customers.example.com")).isFalse();
            assertThat(after - before).as("heap for 100,000 origins").isLessThan(100L * 1024 * 1024);
        }
    }

    /** A source's loads run on the starter's own threads (at startup too), never on a request's. */
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
                .allMatch((name) -> name.startsWith("cors-origin-sources-load-"), "the loading threads");
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

    /** Bounds that leave a load no room stop the startup, each named with its value and the fix. */
    @org.junit.jupiter.api.Test
    void boundsThatLeaveNoRoomStopTheStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> OperationsHttp.start(false, properties("H2",
                "app.cors.origin-source.timeout=0s", "app.cors.origin-source.max-rows=0",
                "app.cors.origin-source.refresh=-1s"))
            .close());
        assertThat(output).contains("Property: app.cors.origin-source.max-rows" + System.lineSeparator()
                + "    Value: \"0\"")
            .contains("set the most entries a source may return, such as 100000 (the default).")
            .contains("Property: app.cors.origin-source.timeout" + System.lineSeparator() + "    Value: \"0s\"")
            .contains("Property: app.cors.origin-source.refresh" + System.lineSeparator() + "    Value: \"-1s\"");
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

    /**
     * A source's entry grants at most the origin it names: {@code *} never, over HTTP or for a WebSocket handshake,
     * and a pattern only from a source that says it may hold patterns ({@code allowsPatterns()}); each such entry
     * is rejected and listed, and the source's other entries apply.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void anEntryGrantsAtMostTheOriginItNames(boolean reactive, CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive, "app.cors.allowed-origins="
                + STATIC, "app.cors.allow-credentials=true", "app.cors.origin-source.refresh=1h",
                "management.endpoints.web.exposure.include=cors",
                "spring.main.sources=" + TwoSources.class.getName())) {
            HttpResponse<String> evil = send(context, "GET", "/api/hello", "Origin", "https://evil.example");
            assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).as("a row '*'").isEmpty();
            assertThat(evil.statusCode()).isEqualTo(403);
            Map<String, Object> handshake = OperationsHttp.json(send(context, "GET",
                    "/actuator/cors/ws/chat?origin=https://evil.example&websocket=true"));
            assertThat(handshake).as("a WebSocket handshake from it").containsEntry("allowed", false);
            assertThat(allowed(context, "https://a.tenants.example")).as("a tenant's pattern").isFalse();
            assertThat(allowed(context, TENANT1)).isTrue();
            assertThat(allowed(context, "https://a.own.example")).as("a pattern of a source that holds them")
                .isTrue();
            assertThat(allowed(context, STATIC)).isTrue();

            Map<String, Object> listing = OperationsHttp.json(send(context, "GET", "/actuator/cors"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sources = (List<Map<String, Object>>) listing.get("origin-sources");
            assertThat(sources).extracting((source) -> source.get("name")).containsExactly("tenantOrigins",
                    "ownOrigins");
            assertThat(sources.get(0)).containsEntry("rejected-count", 2L)
                .containsEntry("allowed-origins", List.of(TENANT1));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rejected = (List<Map<String, Object>>) sources.get(0).get("rejected");
            assertThat(rejected).extracting((row) -> row.get("value"))
                .containsExactly("*", "https://*.tenants.example");
            assertThat(sources.get(1)).containsEntry("rejected-count", 1L)
                .containsEntry("allowed-origins", List.of("https://*.own.example"));
            assertThat(output).contains("CORS origin source 'tenantOrigins': entry '*' skipped: an entry loaded at run"
                    + " time grants at most the origin it names")
                .contains("CORS origin source 'tenantOrigins': entry 'https://*.tenants.example' skipped:")
                .contains("app.cors.origin-source.allow-patterns")
                .contains("CORS origin source 'ownOrigins': entry '*' skipped:")
                .doesNotContain("entry 'https://*.own.example' skipped");
        }
    }

    /**
     * The listing names the origins in force, sorted, the first 1,000 of them with their count; a load that changes
     * them says at INFO which it added and which it removed, naming 20 of each at most; one that changes nothing
     * says nothing.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void theOriginsInForceAreListedAndEachChangeIsLogged(boolean reactive, CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h"))) {
            assertThat(jdbcSource(context)).containsEntry("origins", 2L)
                .containsEntry("allowed-origins", List.of("https://*.tenant9.example.com", TENANT1));
            assertThat(output).contains("CORS origin source 'jdbc': 2 origins added (https://*.tenant9.example.com,"
                    + " " + TENANT1 + "), none removed; 2 in force.");

            update(context, "insert into tenant_domain (origin) values ('" + TENANT2 + "'), ('*')");
            update(context, "delete from tenant_domain where origin = '" + TENANT1 + "'");
            reload(context);
            String changed = "CORS origin source 'jdbc': 1 origin added (" + TENANT2 + "), 1 origin removed ("
                    + TENANT1 + "); 2 in force, 1 entry rejected.";
            assertThat(output).contains(changed);
            reload(context);
            assertThat(output.toString().split(java.util.regex.Pattern.quote(changed), -1)).as("said once").hasSize(2);

            try (Connection connection = context.getBean(DataSource.class).getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into tenant_domain (origin) values (?)")) {
                for (int i = 0; i < 1500; i++) {
                    insert.setString(1, "https://shop" + i + ".example.com");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            reload(context);
            Map<String, Object> source = jdbcSource(context);
            assertThat(source).containsEntry("origins", 1502L);
            @SuppressWarnings("unchecked")
            List<String> listed = (List<String>) source.get("allowed-origins");
            assertThat(listed).hasSize(1000).isSorted().startsWith("https://*.tenant9.example.com",
                    "https://shop0.example.com", "https://shop1.example.com", "https://shop10.example.com");
            assertThat(output).containsPattern("CORS origin source 'jdbc': 1500 origins added \\((https://shop\\d+"
                    + "\\.example\\.com, ){19}https://shop\\d+\\.example\\.com and 1480 more\\), none removed; 1502 in"
                    + " force, 1 entry rejected\\.");
        }
    }

    /**
     * A load with more entries than max-rows is refused as a whole and reported, and the last good origins stay;
     * back under the bound, the next load applies.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aLoadOverMaxRowsIsRefusedAndTheLastGoodOriginsStay(boolean reactive, CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h", "app.cors.origin-source.max-rows=3"))) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            update(context, "insert into tenant_domain (origin) values ('" + TENANT2 + "')");
            reload(context);
            assertThat(allowed(context, TENANT2)).as("three rows: at the bound").isTrue();

            String tenant3 = "https://tenant3.example.com";
            update(context, "insert into tenant_domain (origin) values ('" + tenant3 + "')");
            reload(context);
            String failure = "it returned more than 3 entries (app.cors.origin-source.max-rows), so none of this load"
                    + " is used";
            assertThat(sources.status("jdbc").lastFailure()).isEqualTo(failure);
            assertThat(allowed(context, tenant3)).as("four rows: none of them").isFalse();
            assertThat(allowed(context, TENANT2)).as("the last good origins stay").isTrue();
            assertThat(allowed(context, TENANT1)).isTrue();
            assertThat(output).contains("CORS origin source 'jdbc' (JDBC query 'select origin from tenant_domain where"
                    + " active') could not be loaded: " + failure + ". Its last good entries (3 origins, loaded");
            assertThat(jdbcSource(context)).containsEntry("consecutive-failures", 1L)
                .containsEntry("last-failure", failure)
                .containsEntry("origins", 3L);

            update(context, "delete from tenant_domain where origin = '" + TENANT1 + "'");
            reload(context);
            assertThat(allowed(context, tenant3)).isTrue();
            assertThat(sources.status("jdbc").consecutiveFailures()).isZero();
        }
    }

    /** The JDBC source reads one row more than max-rows at most, however many the query would return. */
    @org.junit.jupiter.api.Test
    void theJdbcSourceReadsOneRowOverTheBoundAtMost() throws Exception {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table tenant_domain (origin varchar(100))");
            statement.execute("insert into tenant_domain select 'https://t' || x || '.example' from"
                    + " system_range(1, 50)");
        }
        JdbcCorsOriginSource source = new JdbcCorsOriginSource(dataSource, "select origin from tenant_domain",
                "default", Duration.ofMillis(300), 10, false);
        assertThat(source.load()).hasSize(11);
        assertThat(new JdbcCorsOriginSource(dataSource, "select origin from tenant_domain", "default",
                Duration.ofMillis(300), 100, false).load()).hasSize(50);
    }

    /**
     * PostgreSQL stopped, under a pool that waits 30 s for a connection (HikariCP's default): the outage is reported
     * within the timeout, not the pool's wait, while the last good origins serve; the load that waits for a
     * connection is left to end, is reported as not returned, and no other load starts beside it.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aStoppedDatabaseIsReportedWithinTheTimeoutWhateverThePoolWaits(boolean reactive, CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("PostgreSQL", "app.cors.origin-source.refresh=200ms",
                        "app.cors.origin-source.timeout=500ms", "spring.datasource.hikari.connection-timeout=30000"))) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            this.postgres.stopServer();
            try {
                // No connection left in the pool: the next load waits for a new one, which the server refuses.
                context.getBean(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
                long stopped = System.nanoTime();
                // A load under way when the server stopped may fail at once, on its broken connection; the next
                // waits for a new one, and is reported after the timeout.
                awaitTrue(() -> output.toString().contains("no answer within 500ms (app.cors.origin-source.timeout),"
                        + " getting a connection included. Its last good entries (2 origins"), "the timeout said");
                long reported = (System.nanoTime() - stopped) / 1_000_000;
                System.out.printf("PostgreSQL stopped (%s): a load waiting for a connection reported after %d ms,"
                        + " with a timeout of 500ms, loads every 200ms, and a pool that waits 30 s for a"
                        + " connection%n", reactive ? "WebFlux" : "Spring MVC", reported);
                assertThat(reported).as("ms until the outage is reported").isLessThan(2000);
                assertThat(allowed(context, TENANT1)).as("the last good origins stay").isTrue();
                awaitTrue(() -> String.valueOf(sources.status("jdbc").lastFailure()).contains("has not returned yet"),
                        "the load still waiting for a connection, reported as such");
                assertThat(jdbcSource(context)).containsKey("last-failure");
                assertThat(jdbcLoadsUnderWay()).as("loads under way").isEqualTo(1);
            }
            finally {
                this.postgres.startServer();
            }
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
        }
    }

    /**
     * PostgreSQL behind a network path that stops passing bytes under the pool's connection, mid-query, without an
     * error: the outage is reported within the timeout, and the read itself ends after it (the connection's network
     * timeout), so that the next load, on a new connection, recovers. Without it the read would wait for ever.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aStalledReadEndsAfterTheTimeout(boolean reactive, CapturedOutput output) throws Exception {
        requirePostgres();
        int port = Integer.parseInt(this.postgres.url().replaceAll(".*:(\\d+)/.*", "$1"));
        try (StallingProxy proxy = StallingProxy.to(port);
                ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                        properties("PostgreSQL", "app.cors.origin-source.refresh=200ms",
                                "app.cors.origin-source.timeout=500ms",
                                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                                // One connection, used every 200 ms: the pool hands it out without a check.
                                "spring.datasource.hikari.maximum-pool-size=1"))) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            long before = sources.status("jdbc").failures();
            proxy.stallOpenConnections();
            long stalled = System.nanoTime();
            awaitTrue(() -> sources.status("jdbc").failures() > before, "a failed load");
            long reported = (System.nanoTime() - stalled) / 1_000_000;
            assertThat(allowed(context, TENANT1)).as("the last good origins stay").isTrue();
            awaitTrue(() -> sources.status("jdbc").consecutiveFailures() == 0, "recovered on a new connection");
            long recovered = (System.nanoTime() - stalled) / 1_000_000;
            System.out.printf("A stalled read (%s): reported after %d ms, recovered after %d ms, with a timeout of"
                    + " 500ms%n", reactive ? "WebFlux" : "Spring MVC", reported, recovered);
            assertThat(reported).as("ms until the outage is reported").isLessThan(2000);
            assertThat(output).contains("CORS origin source 'jdbc' loaded again after");
        }
    }

    /**
     * A source that never answers: reported after the timeout, the last good origins serve, no other load of it
     * starts while it hangs (reported as not returned), and a reload on demand answers at once rather than queue
     * behind it; once it answers, the source recovers.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aSourceThatHangsIsReportedAfterTheTimeoutAndNeverPilesUp(boolean reactive, CapturedOutput output)
            throws Exception {
        HangingSource.reset();
        CountDownLatch gate = new CountDownLatch(1);
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive, "app.cors.allowed-origins="
                + STATIC, "app.cors.origin-source.refresh=100ms", "app.cors.origin-source.timeout=300ms",
                "management.endpoints.web.exposure.include=cors",
                "spring.main.sources=" + HangingSource.class.getName())) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            assertThat(allowed(context, TENANT1)).isTrue();
            HangingSource.gate = gate;
            long hung = System.nanoTime();
            int calls = HangingSource.calls.get();
            awaitTrue(() -> sources.status("hangingOrigins").consecutiveFailures() > 0, "a failed load");
            long reported = (System.nanoTime() - hung) / 1_000_000;
            assertThat(sources.status("hangingOrigins").lastFailure()).isEqualTo("no answer within 300ms"
                    + " (app.cors.origin-source.timeout), getting a connection included");
            assertThat(reported).as("ms until reported").isLessThan(1500);

            long asked = System.nanoTime();
            HttpResponse<String> reloaded = reload(context);
            long answered = (System.nanoTime() - asked) / 1_000_000;
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(answered).as("ms a reload waits").isLessThan(2000);

            awaitTrue(() -> sources.status("hangingOrigins").consecutiveFailures() >= 4, "more failed loads");
            assertThat(sources.status("hangingOrigins").lastFailure()).contains("has not returned yet");
            assertThat(HangingSource.calls.get() - calls).as("loads started while one hangs").isLessThanOrEqualTo(1);
            assertThat(HangingSource.maxRunning.get()).isEqualTo(1);
            assertThat(allowed(context, TENANT1)).as("the last good origins stay").isTrue();
            System.out.printf("A source that hangs (%s): reported after %d ms with a timeout of 300ms; a reload"
                    + " answered in %d ms%n", reactive ? "WebFlux" : "Spring MVC", reported, answered);

            gate.countDown();
            HangingSource.gate = null;
            awaitTrue(() -> sources.status("hangingOrigins").consecutiveFailures() == 0, "recovered");
            // The recovery is logged once its origins are in force, a moment after the status says so.
            awaitTrue(() -> output.toString().contains("CORS origin source 'hangingOrigins' loaded again after"),
                    "the recovery logged");
        }
        finally {
            gate.countDown();
        }
    }

    /**
     * {@code POST /actuator/cors} takes a JSON body naming what to reload, and nothing else: a form or a text/plain
     * body, which a page of another site can send without a preflight, is refused with 415 and loads nothing, as is
     * a call without a body; a JSON body without {@code reload}, or naming something else, is a 400.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void theReloadTakesAJsonBodyAndNothingElse(boolean reactive) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h"))) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            long loads = sources.loads();
            assertThat(post(context, "text/plain", "{\"reload\":\"origin-sources\"}").statusCode()).isEqualTo(415);
            assertThat(post(context, "application/x-www-form-urlencoded", "reload=origin-sources").statusCode())
                .isEqualTo(415);
            assertThat(post(context, "multipart/form-data; boundary=x", "--x--").statusCode()).isEqualTo(415);
            assertThat(post(context, "text/plain", null).statusCode()).isEqualTo(415);
            assertThat(post(context, null, null).statusCode()).isEqualTo(415);
            assertThat(post(context, "application/json", "{}").statusCode()).isEqualTo(400);
            assertThat(post(context, "application/json", "{\"reload\":\"everything\"}").statusCode()).isEqualTo(400);
            assertThat(sources.loads()).as("loads").isEqualTo(loads);
            HttpResponse<String> reloaded = reload(context);
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(reloaded.body()).contains("\"name\":\"jdbc\"");
            assertThat(sources.loads()).isEqualTo(loads + 1);
        }
    }

    /** With {@code management.endpoint.cors.access=read-only}, the endpoint lists and loads nothing. */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aReadOnlyEndpointLoadsNothing(boolean reactive) throws Exception {
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive,
                properties("H2", "app.cors.origin-source.refresh=1h", "management.endpoint.cors.access=read-only"))) {
            CorsOriginSources sources = context.getBean(CorsOriginSources.class);
            long loads = sources.loads();
            assertThat(reload(context).statusCode()).isIn(404, 405);
            assertThat(send(context, "DELETE", "/actuator/cors").statusCode()).isIn(404, 405);
            assertThat(send(context, "GET", "/actuator/cors").statusCode()).isEqualTo(200);
            assertThat(sources.loads()).isEqualTo(loads);
        }
    }

    /** Reloads asked for at once share one load rather than queue one each. */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void concurrentReloadsShareOneLoad(boolean reactive) throws Exception {
        HangingSource.reset();
        try (ConfigurableApplicationContext context = OperationsHttp.start(reactive, "app.cors.allowed-origins="
                + STATIC, "app.cors.origin-source.refresh=1h", "management.endpoints.web.exposure.include=cors",
                "spring.main.sources=" + HangingSource.class.getName())) {
            HangingSource.delay = 300;
            int calls = HangingSource.calls.get();
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(callers.submit(() -> {
                        go.await();
                        return reload(context).statusCode();
                    }));
                }
                long start = System.nanoTime();
                go.countDown();
                for (java.util.concurrent.Future<Integer> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(200);
                }
                long took = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("8 reloads at once (%s): %d loads of 300 ms, all answered in %d ms%n",
                        reactive ? "WebFlux" : "Spring MVC", HangingSource.calls.get() - calls, took);
                assertThat(HangingSource.calls.get() - calls).as("loads for 8 reloads").isLessThanOrEqualTo(2);
            }
            finally {
                callers.shutdownNow();
                HangingSource.delay = 0;
            }
        }
    }

    /** The JDBC source's entry of the listing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> jdbcSource(ConfigurableApplicationContext context) throws Exception {
        Map<String, Object> listing = OperationsHttp.json(send(context, "GET", "/actuator/cors"));
        return ((List<Map<String, Object>>) listing.get("origin-sources")).stream()
            .filter((source) -> "jdbc".equals(source.get("name")))
            .findFirst()
            .orElseThrow();
    }

    /** {@code POST /actuator/cors} as a deployment pipeline sends it. */
    private static HttpResponse<String> reload(ConfigurableApplicationContext context) throws Exception {
        return post(context, "application/json", "{\"reload\":\"origin-sources\"}");
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext context, String contentType, String body)
            throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
            .newBuilder(java.net.URI.create("http://localhost:" + TestApps.port(context) + "/actuator/cors"))
            .timeout(Duration.ofSeconds(10))
            .POST((body != null) ? java.net.http.HttpRequest.BodyPublishers.ofString(body)
                    : java.net.http.HttpRequest.BodyPublishers.noBody());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The loads of the JDBC source under way now, on the loader's threads. */
    private static long jdbcLoadsUnderWay() {
        return Thread.getAllStackTraces()
            .entrySet()
            .stream()
            .filter((thread) -> thread.getKey().getName().startsWith("cors-origin-sources-load-"))
            .filter((thread) -> Stream.of(thread.getValue())
                .anyMatch((frame) -> frame.getClassName().equals(JdbcCorsOriginSource.class.getName())))
            .count();
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

    /** Two sources: the tenants' rows, which may not hold patterns, and the application's own, which may. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    static class TwoSources {

        @Bean
        CorsOriginSource tenantOrigins() {
            return () -> List.of("*", "https://*.tenants.example", TENANT1);
        }

        @Bean
        CorsOriginSource ownOrigins() {
            return new CorsOriginSource() {

                @Override
                public List<String> load() {
                    return List.of("*", "https://*.own.example");
                }

                @Override
                public boolean allowsPatterns() {
                    return true;
                }

            };
        }

    }

    /** A source that answers after {@link #delay} ms, or hangs until its {@link #gate} opens. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    static class HangingSource {

        static volatile CountDownLatch gate;

        static volatile long delay;

        static final AtomicInteger calls = new AtomicInteger();

        static final AtomicInteger running = new AtomicInteger();

        static final AtomicInteger maxRunning = new AtomicInteger();

        static void reset() {
            gate = null;
            delay = 0;
            calls.set(0);
            running.set(0);
            maxRunning.set(0);
        }

        @Bean
        CorsOriginSource hangingOrigins() {
            return () -> {
                calls.incrementAndGet();
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    CountDownLatch latch = gate;
                    if (latch != null) {
                        latch.await();
                    }
                    Thread.sleep(delay);
                    return List.of(TENANT1);
                }
                finally {
                    running.decrementAndGet();
                }
            };
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
