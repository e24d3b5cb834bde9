package dev.fetchcors.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List (https://publicsuffix.org/), bundled as {@code public_suffix_list.dat} with its MPL-2.0
 * notice, both ICANN and private sections. Loaded once, on first use, which is only when a configuration has a
 * subdomain wildcard.
 */
final class PublicSuffixList {

    private static final String RESOURCE = "public_suffix_list.dat";

    private final Set<String> rules = new HashSet<>();

    private final Set<String> wildcards = new HashSet<>();

    private final Set<String> exceptions = new HashSet<>();

    private String version = "unknown";

    private PublicSuffixList(InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("// VERSION:")) {
                    this.version = line.substring(11).strip();
                }
                if (line.isEmpty() || line.startsWith("//")) {
                    continue;
                }
                int space = line.indexOf(' ');
                String rule = (space < 0) ? line : line.substring(0, space);
                if (rule.startsWith("!")) {
                    this.exceptions.add(toAscii(rule.substring(1)));
                }
                else if (rule.startsWith("*.")) {
                    this.wildcards.add(toAscii(rule.substring(2)));
                }
                else {
                    this.rules.add(toAscii(rule));
                }
            }
        }
    }

    private static String toAscii(String rule) {
        try {
            return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        }
        catch (IllegalArgumentException ex) {
            return rule.toLowerCase(Locale.ROOT);
        }
    }

    static PublicSuffixList get() {
        return Holder.INSTANCE;
    }

    /**
     * Whether a lower-case ASCII domain is itself a public suffix, so that a wildcard over it would admit
     * unrelated registrants. By the list's algorithm a single label is always one (the implicit {@code *} rule).
     */
    boolean isPublicSuffix(String domain) {
        if (this.exceptions.contains(domain)) {
            return false;
        }
        if (this.rules.contains(domain) || domain.indexOf('.') < 0) {
            return true;
        }
        int dot = domain.indexOf('.');
        return this.wildcards.contains(domain.substring(dot + 1));
    }

    /** The list's version, as its {@code // VERSION:} line gives it, such as {@code 2026-10-06_16-13-12_UTC}. */
    String version() {
        return this.version;
    }

    int size() {
        return this.rules.size() + this.wildcards.size() + this.exceptions.size();
    }

    private static final class Holder {

        static final PublicSuffixList INSTANCE = load();

        private static PublicSuffixList load() {
            try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The bundled " + RESOURCE + " is missing from the class path");
                }
                return new PublicSuffixList(in);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not read the bundled " + RESOURCE, ex);
            }
        }

    }

}
