package dev.fetchcors.samples.tenants;

import java.time.Instant;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The API the tenants' front ends call from their own origins; the per-path policy {@code tenants} covers it. */
@RestController
class TenantApiController {

    @GetMapping("/api/greeting")
    Map<String, Object> greeting(@RequestHeader(name = "Origin", required = false) String origin) {
        return Map.of("message", "Hello, tenant " + origin, "at", Instant.now().toString());
    }

}
