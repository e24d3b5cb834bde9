package dev.fetchcors.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsDecisionObserver.Comparison;
import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;
import dev.fetchcors.core.CorsConfig;

import org.springframework.web.util.pattern.PathPattern;

/**
 * The {@code cors} endpoint's listing, as plain maps and lists: the policies in force with every setting under its
 * property name, what shadow mode and candidate policies found, and the state of each origin source.
 */
final class CorsListing {

    private CorsListing() {
    }

    /** The resolver's policies: {@code default} (absent when uncovered requests are left alone) and {@code policies}. */
    static Map<String, Object> policies(CorsPolicyResolver resolver) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("resolver", resolver.getClass().getName());
        // A resolver that picks its policies in code has no list to show: its policies() is empty.
        CorsPolicies policies = resolver.policies();
        NamedCorsPolicy defaultPolicy = policies.defaultPolicy();
        if (defaultPolicy != null) {
            description.put("default", defaultPolicy.policy().config().settings());
        }
        List<Map<String, Object>> pathPolicies = new ArrayList<>();
        for (NamedCorsPolicy pathPolicy : policies.pathPolicies()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", pathPolicy.name());
            entry.put("path-patterns", pathPolicy.pathPatterns().stream().map(PathPattern::getPatternString).toList());
            entry.putAll(pathPolicy.policy().config().settings());
            pathPolicies.add(entry);
        }
        description.put("policies", pathPolicies);
        return description;
    }

    /**
     * Each origin source: its policy, how many origins of it are in force and the first 1,000 of them, sorted (the
     * count says whether that is all), its rejected entries, its loads and failures.
     */
    static List<Map<String, Object>> originSources(List<CorsOriginSources.Status> statuses) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (CorsOriginSources.Status status : statuses) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("name", status.name());
            source.put("policy", status.policy());
            source.put("origins", status.origins());
            source.put("allowed-origins", status.allowedOrigins());
            source.put("rejected-count", status.rejectedCount());
            List<Map<String, Object>> rejected = new ArrayList<>();
            for (CorsOriginSources.Rejected entry : status.rejected()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("value", entry.value());
                row.put("reason", entry.reason());
                row.put("fix", entry.fix());
                rejected.add(row);
            }
            source.put("rejected", rejected);
            if (status.lastSuccess() != null) {
                source.put("last-success", status.lastSuccess().toString());
            }
            if (status.age() != null) {
                source.put("age-seconds", status.age().toSeconds());
            }
            if (status.lastLoadTime() != null) {
                source.put("last-load-millis", status.lastLoadTime().toMillis());
            }
            source.put("consecutive-failures", status.consecutiveFailures());
            source.put("failures", status.failures());
            if (status.lastFailure() != null) {
                source.put("last-failure", status.lastFailure());
            }
            sources.add(source);
        }
        return sources;
    }

    static Map<String, Object> shadow(ShadowReport.Snapshot snapshot) {
        Map<String, Object> shadow = new LinkedHashMap<>();
        shadow.put("summary", snapshot.summary());
        shadow.put("since", snapshot.since().toString());
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("shadow", snapshot.shadowRequests());
        requests.put("candidate", snapshot.candidateRequests());
        shadow.put("requests", requests);
        shadow.put("differences", snapshot.differenceCount());
        shadow.put("overflow", snapshot.overflow());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ShadowReport.Difference difference : snapshot.differences()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("policy", difference.policy());
            entry.put("comparison", difference.comparison().name().toLowerCase(Locale.ROOT));
            entry.put("kind", difference.difference().kind().name().toLowerCase(Locale.ROOT));
            entry.put("verdict", difference.difference().verdict().tag());
            entry.put("reason", difference.difference().aspect().tag());
            CorsConfig.Setting setting = difference.difference().aspect().setting();
            if (setting != null) {
                entry.put("property", ((difference.comparison() == Comparison.CANDIDATE) ? "candidate." : "")
                        + setting.key());
            }
            entry.put("origin", difference.origin());
            entry.put("method", difference.method());
            entry.put("count", difference.count());
            entry.put("firstSeen", difference.firstSeen().toString());
            entry.put("lastSeen", difference.lastSeen().toString());
            entry.put("example", difference.example());
            entry.put("message", difference.reason());
            entries.add(entry);
        }
        shadow.put("entries", entries);
        return shadow;
    }

}
