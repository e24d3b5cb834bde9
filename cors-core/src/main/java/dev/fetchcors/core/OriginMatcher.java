package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches request origins against the configured patterns in time that does not grow with their number: a hash
 * lookup for exact origins, then one right-to-left pass over the host that looks up each label-aligned suffix for
 * subdomain wildcards and the whole host for port wildcards.
 */
final class OriginMatcher {

    /** A pattern's port: the scheme's default port. */
    static final int DEFAULT_PORT = 0;

    /** A pattern's port: any port ({@code :*}), the default one included. */
    static final int ANY_PORT = -1;

    private static final int SCHEME_HTTP = 1;

    private static final int SCHEME_HTTPS = 2;

    /** Patterns by host: whole hosts with a port wildcard, and base domains of subdomain wildcards. */
    private final RegionTable<int[]> hostPatterns;

    private final boolean empty;

    /** One configured pattern over a host name, in the terms of {@link Origins#parse}. */
    record Pattern(boolean https, String host, boolean subdomains, int port) {
    }

    OriginMatcher(List<Pattern> patterns) {
        Map<String, List<Integer>> byHost = new LinkedHashMap<>();
        for (Pattern pattern : patterns) {
            byHost.computeIfAbsent(pattern.host(), (host) -> new ArrayList<>()).add(encode(pattern));
        }
        String[] hosts = byHost.keySet().toArray(new String[0]);
        int[][] specs = new int[hosts.length][];
        for (int i = 0; i < hosts.length; i++) {
            // Sorted, so that many patterns over one host (one per port, say) are still found in a few steps.
            specs[i] = byHost.get(hosts[i]).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }
        this.hostPatterns = new RegionTable<>(hosts, specs, false);
        this.empty = hosts.length == 0;
    }

    private static int encode(Pattern pattern) {
        return encode(pattern.subdomains(), pattern.https() ? SCHEME_HTTPS : SCHEME_HTTP, pattern.port());
    }

    // A spec packs: bit 0 subdomain wildcard, bits 1-2 scheme, bits 3+ port + 1 (0 for any port).
    private static int encode(boolean subdomains, int scheme, int port) {
        return (subdomains ? 1 : 0) | (scheme << 1) | ((port + 1) << 3);
    }

    /** Whether a parsed origin matches a pattern; {@code parsed} comes from {@link Origins#parse}. */
    boolean matches(String origin, long parsed) {
        if (this.empty) {
            return false;
        }
        int scheme = Origins.isHttps(parsed) ? SCHEME_HTTPS : SCHEME_HTTP;
        int port = Origins.port(parsed);
        int hostStart = Origins.hostStart(parsed);
        int hostEnd = Origins.hostEnd(parsed);
        boolean domain = Origins.hostKind(parsed) == Origins.HOST_DOMAIN;
        int hash = 0;
        int power = 1;
        for (int i = hostEnd - 1; i >= hostStart; i--) {
            hash += origin.charAt(i) * power;
            power *= 31;
            // A label boundary with at least one label to its left: the suffix may be a wildcard's base domain.
            if (domain && i > hostStart && origin.charAt(i - 1) == '.') {
                int[] specs = this.hostPatterns.get(origin, i, hostEnd, hash);
                if (specs != null && anyMatches(specs, true, scheme, port)) {
                    return true;
                }
            }
        }
        int[] specs = this.hostPatterns.get(origin, hostStart, hostEnd, hash);
        return specs != null && anyMatches(specs, false, scheme, port);
    }

    private static boolean anyMatches(int[] specs, boolean subdomains, int scheme, int port) {
        return Arrays.binarySearch(specs, encode(subdomains, scheme, port)) >= 0
                || Arrays.binarySearch(specs, encode(subdomains, scheme, ANY_PORT)) >= 0;
    }

}
