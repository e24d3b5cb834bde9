package dev.fetchcors.samples.tenants;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.OriginEntries;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenants, as an administration page sees them: listed, added, removed. No CORS policy covers {@code /admin}, and
 * adding takes a JSON body, which a browser sends from another origin only after a preflight that nothing here
 * allows: only the application's own pages can call it. (A real application also authenticates its admins.)
 *
 * <p>A tenant brings one origin, its own: what is added is checked as the starter checks the table's rows, with the
 * engine's own rules ({@link OriginEntries}), and anything else ({@code *}, a pattern, a URL with a path, a typo) is
 * refused with 400 and the reason, before it reaches the table. The starter would skip such a row anyway; refused
 * here, the admin learns at once what to write instead.
 */
@RestController
@RequestMapping("/admin/tenants")
class TenantAdminController {

    private final JdbcTemplate jdbc;

    private final CorsPolicyResolver resolver;

    private final String policy;

    TenantAdminController(DataSource dataSource, CorsPolicyResolver resolver, CorsProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.resolver = resolver;
        this.policy = properties.getOriginSource().getPolicy();
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return this.jdbc.queryForList("select origin, active from tenant order by origin");
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> add(@RequestBody Map<String, String> tenant) {
        String origin = tenant.get("origin");
        if (origin == null || origin.isBlank()) {
            return ResponseEntity.badRequest()
                .body(Map.of("error", "an origin is required", "fix",
                        "send {\"origin\": \"https://portal.customer.com\"}"));
        }
        // As the starter will check the row: in the context of the policy the rows join, an exact origin alone.
        OriginEntries checked = OriginEntries.check(policyConfig(), List.of(origin));
        if (!checked.rejected().isEmpty()) {
            ConfigProblem problem = checked.rejected().get(0);
            return ResponseEntity.badRequest()
                .body(Map.of("error", "not an origin a tenant may have: " + problem.reason(), "fix", problem.fix()));
        }
        try {
            this.jdbc.update("insert into tenant (origin) values (?)", origin);
        }
        catch (DuplicateKeyException ex) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Map.of("error", "already a tenant", "fix", "remove it first, or add another origin"));
        }
        // The starter loads the table again within app.cors.origin-source.refresh: no restart, no call to it.
        return ResponseEntity.ok(Map.of("added", origin));
    }

    @DeleteMapping
    Map<String, Object> remove(@RequestParam String origin) {
        return Map.of("removed", this.jdbc.update("delete from tenant where origin = ?", origin));
    }

    /** The configuration of the policy the table's rows join: its credentials decide whether http:// may be one. */
    private CorsConfig policyConfig() {
        CorsPolicies policies = this.resolver.policies();
        for (NamedCorsPolicy named : policies.pathPolicies()) {
            if (named.name().equals(this.policy)) {
                return named.policy().config();
            }
        }
        NamedCorsPolicy fallback = policies.defaultPolicy();
        return (fallback != null) ? fallback.policy().config() : CorsConfig.builder().build();
    }

}
