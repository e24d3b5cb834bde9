package dev.fetchcors.samples.tenants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenants sample over HTTP, where its table holds what a tenant must never grant: a row {@code *} and rows
 * that are patterns ({@code https://*.example}, {@code https://*.customer.com}) put in the table behind the admin
 * API's back are rejected and reported, and origins that are no tenant's are refused; the admin API refuses to store
 * them in the first place, saying why, and stores an origin.
 */
@ExtendWith(OutputCaptureExtension.class)
// A database of its own: the browser test's application, in the same JVM, keeps application.yml's.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "app.cors.origin-source.refresh=100ms",
        "spring.datasource.url=jdbc:h2:mem:tenants-http;DB_CLOSE_DELAY=-1" })
class SampleTenantsHttpTests {

    private static final String EVIL = "https://evil.example";

    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    private Environment environment;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aRowStarOrAPatternInTheTableOpensNothing(CapturedOutput output) throws Exception {
        try {
            this.jdbc.update("insert into tenant (origin) values ('*'), ('https://*.example'),"
                    + " ('https://*.customer.com')");
            assertThat(reload().statusCode()).isEqualTo(200);
            for (String origin : new String[] { EVIL, "https://a.example", "https://shop.customer.com" }) {
                HttpResponse<String> greeting = greeting(origin);
                assertThat(greeting.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
                assertThat(greeting.statusCode()).as(origin).isEqualTo(403);
            }
            Map<String, Object> source = source();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rejected = (List<Map<String, Object>>) source.get("rejected");
            assertThat(rejected).extracting((row) -> row.get("value")).contains("*", "https://*.example",
                    "https://*.customer.com");
            assertThat(source.get("allowed-origins")).isEqualTo(List.of("https://acme.example-saas.com",
                    "https://portal.customer.com"));
            assertThat(greeting("https://portal.customer.com").headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://portal.customer.com");
            assertThat(output).contains("CORS origin source 'jdbc': entry '*' skipped: an entry loaded at run time"
                    + " grants at most the origin it names")
                .contains("CORS origin source 'jdbc': entry 'https://*.example' skipped: this source may not hold"
                        + " patterns")
                .contains("CORS origin source 'jdbc': entry 'https://*.customer.com' skipped: this source may not"
                        + " hold patterns");
        }
        finally {
            this.jdbc.update("delete from tenant where origin in ('*', 'https://*.example',"
                    + " 'https://*.customer.com')");
        }
    }

    @Test
    void theAdminApiStoresAnOriginAndNothingElse() throws Exception {
        String tenant = "https://new-tenant.example.com";
        try {
            assertRefused(add("*"), "grants at most the origin it names");
            assertRefused(add("https://*.example"), "app.cors.origin-source.allow-patterns");
            assertRefused(add("https://*.customer.com"), "this source may not hold patterns");
            HttpResponse<String> path = add("https://shop.example.com/store");
            assertRefused(path, "not a serialized origin");
            assertThat(json(path)).containsEntry("fix", "write \"https://shop.example.com\".");
            assertRefused(add("portal.customer.com"), "not a serialized origin");
            assertThat(add(" ").statusCode()).isEqualTo(400);
            assertThat(this.jdbc.queryForList("select origin from tenant", String.class)).doesNotContain("*",
                    "https://*.example", "https://*.customer.com", "https://shop.example.com/store",
                    "portal.customer.com");

            assertThat(add(tenant).statusCode()).isEqualTo(200);
            assertThat(add(tenant).statusCode()).as("twice").isEqualTo(409);
            assertThat(this.jdbc.queryForList("select origin from tenant", String.class)).contains(tenant);
        }
        finally {
            this.jdbc.update("delete from tenant where origin = ?", tenant);
        }
    }

    private void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(String.valueOf(json(response).get("error")) + " " + json(response).get("fix")).contains(reason);
    }

    private HttpResponse<String> add(String origin) throws Exception {
        return post("/admin/tenants", "{\"origin\":\"" + origin + "\"}");
    }

    private HttpResponse<String> reload() throws Exception {
        return post("/actuator/cors", "{\"reload\":\"origin-sources\"}");
    }

    private HttpResponse<String> greeting(String origin) throws Exception {
        return this.client.send(request("/api/greeting").header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> source() throws Exception {
        HttpResponse<String> listing = this.client.send(request("/actuator/cors").build(),
                HttpResponse.BodyHandlers.ofString());
        return ((List<Map<String, Object>>) json(listing).get("origin-sources")).get(0);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return this.client.send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:"
                + this.environment.getRequiredProperty("local.server.port") + path)).timeout(Duration.ofSeconds(10));
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return JsonParserFactory.getJsonParser().parseMap(response.body());
    }

}
