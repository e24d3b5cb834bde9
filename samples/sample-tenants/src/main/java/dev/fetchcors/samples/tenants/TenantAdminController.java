package dev.fetchcors.samples.tenants;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

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
 */
@RestController
@RequestMapping("/admin/tenants")
class TenantAdminController {

    private final JdbcTemplate jdbc;

    TenantAdminController(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return this.jdbc.queryForList("select origin, active from tenant order by origin");
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> add(@RequestBody Map<String, String> tenant) {
        String origin = tenant.get("origin");
        if (origin == null || origin.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "an origin is required"));
        }
        this.jdbc.update("insert into tenant (origin) values (?)", origin);
        // The starter loads the table again within app.cors.origin-source.refresh: no restart, no call to it.
        return ResponseEntity.ok(Map.of("added", origin));
    }

    @DeleteMapping
    Map<String, Object> remove(@RequestParam String origin) {
        return Map.of("removed", this.jdbc.update("delete from tenant where origin = ?", origin));
    }

}
