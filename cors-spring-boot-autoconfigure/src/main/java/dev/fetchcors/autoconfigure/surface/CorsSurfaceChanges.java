package dev.fetchcors.autoconfigure.surface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.fetchcors.autoconfigure.surface.SurfaceMarkdown.AccessRow;
import dev.fetchcors.autoconfigure.surface.SurfaceMarkdown.Facts;
import dev.fetchcors.autoconfigure.surface.SurfaceMarkdown.RouteRow;
import dev.fetchcors.core.BrowserRules;
import dev.fetchcors.core.CorsConfig.Setting;

/**
 * How one CORS surface differs from another, in words, widenings and narrowings apart: what an origin may do now
 * that it could not ("https://partner.example can now read GET /api/accounts/{id} with credentials (policy
 * 'partner', added by path-patterns /api/**)"), what it no longer may, and the other changes (a route new or gone,
 * a policy's patterns or mode).
 *
 * <pre>{@code
 * CorsSurfaceChanges changes = CorsSurfaceChanges.between(Files.readString(pinned), surveyor.survey().toMarkdown());
 * if (!changes.isEmpty()) {
 *     throw new AssertionError(changes);
 * }
 * }</pre>
 *
 * <p>Both sides are read from the Markdown of {@link CorsSurface#toMarkdown()}, so that a file kept in a repository
 * compares with the running application on what the file states: the number of origins a source holds is not part of
 * it, so a tenant added is no change.
 */
public final class CorsSurfaceChanges {

    /** The policy settings whose added values widen what origins may do. */
    private static final Set<String> WIDENING_LISTS = Set.of(Setting.ALLOWED_ORIGINS.key(),
            Setting.ALLOWED_METHODS.key(), Setting.ALLOWED_HEADERS.key(), Setting.EXPOSED_HEADERS.key(),
            Setting.SEND_ONLY_ORIGINS.key());

    /** The boolean settings, with the value that widens. */
    private static final Map<String, String> WIDENING_VALUES = Map.of(Setting.ALLOW_CREDENTIALS.key(), "true",
            Setting.ALLOW_PRIVATE_NETWORK.key(), "true", Setting.CROSS_ORIGIN_PROTECTION.key(), "false",
            Setting.WEBSOCKET_HANDSHAKES.key(), "false");

    private final List<String> widenings = new ArrayList<>();

    private final List<String> narrowings = new ArrayList<>();

    private final List<String> others = new ArrayList<>();

    private CorsSurfaceChanges() {
    }

    /**
     * The changes from one surface to another.
     *
     * @param before the surface as it was, in its Markdown form (a file kept in the repository)
     * @param after the surface as it is, in its Markdown form
     * @return the changes, empty when both state the same surface
     */
    public static CorsSurfaceChanges between(String before, String after) {
        CorsSurfaceChanges changes = new CorsSurfaceChanges();
        Facts was = SurfaceMarkdown.read(before);
        Facts is = SurfaceMarkdown.read(after);
        if (was.isEmpty() && !is.isEmpty()) {
            changes.others.add("the file holds no CORS surface (no table of policies, routes or origins)");
        }
        changes.accesses(was, is);
        changes.policies(was, is);
        changes.routes(was, is);
        return changes;
    }

    /** Whether both surfaces are the same. */
    public boolean isEmpty() {
        return this.widenings.isEmpty() && this.narrowings.isEmpty() && this.others.isEmpty();
    }

    /** What some origin may do now that it could not, one sentence each. */
    public List<String> widenings() {
        return List.copyOf(this.widenings);
    }

    /** What some origin could do that it no longer may, one sentence each. */
    public List<String> narrowings() {
        return List.copyOf(this.narrowings);
    }

    /** The other changes: routes new or gone, policies' patterns, modes, routes moved between policies. */
    public List<String> others() {
        return List.copyOf(this.others);
    }

    /** Every change, widenings first, one per line under a heading each. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        section(text, "Wider", this.widenings);
        section(text, "Narrower", this.narrowings);
        section(text, "Other changes", this.others);
        return text.toString().stripTrailing();
    }

    private static void section(StringBuilder text, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        text.append(title).append(" (").append(lines.size()).append("):\n");
        for (String line : lines) {
            text.append(" - ").append(line).append('\n');
        }
    }

    private void accesses(Facts was, Facts is) {
        Set<Key> before = capabilities(was);
        Set<Key> after = capabilities(is);
        this.widenings.addAll(describe(before, after, was, is, true));
        this.narrowings.addAll(describe(after, before, is, was, false));
    }

    /**
     * One sentence per origin, route, policy and method whose capabilities grew ({@code wider}) or shrank: those in
     * {@code to} and not in {@code from}. A read that gains credentials is one sentence. Grouped by origin, then by
     * policy (in the order of the surface that has them: the newer for a widening), the riskiest first: reads with
     * credentials, then requests run without reading, sockets and methods that change something, then plain reads.
     */
    private static List<String> describe(Set<Key> from, Set<Key> to, Facts was, Facts is, boolean wider) {
        Facts where = wider ? is : was;
        Map<Key, Set<String>> changed = new LinkedHashMap<>();
        to.forEach((key) -> {
            if (!from.contains(key)) {
                changed.computeIfAbsent(key.withoutCapability(), (k) -> new LinkedHashSet<>()).add(key.capability());
            }
        });
        List<Sentence> sentences = new ArrayList<>();
        changed.forEach((key, capabilities) -> {
            String why = " (" + (wider ? Causes.of(was, is, key.origin(), key.route(), key.policy(), key.method(),
                    capabilities) : why(key.policy())) + ")";
            String who = who(key.origin());
            String now = wider ? " can now " : " can no longer ";
            String target = (key.method().isEmpty() ? "" : key.method() + " ") + key.route();
            if (capabilities.contains(SurfaceMarkdown.SOCKET)) {
                sentences.add(new Sentence(where, key, Risk.CHANGES, who + now + "open a socket to " + target + why));
            }
            boolean reads = capabilities.contains(SurfaceMarkdown.READS);
            boolean credentials = capabilities.contains(SurfaceMarkdown.CREDENTIALS);
            Risk read = credentials ? Risk.CREDENTIALS
                    : BrowserRules.isSafeMethod(key.method()) ? Risk.READS : Risk.CHANGES;
            if (reads && credentials) {
                sentences.add(new Sentence(where, key, read,
                        who + now + "read " + target + (wider ? " with credentials" : "") + why));
            }
            else if (credentials) {
                sentences.add(new Sentence(where, key, read, who + now + "read " + target + " with credentials"
                        + (wider ? ", which it could read without" : ", though it may still read it without") + why));
            }
            else if (reads) {
                sentences.add(new Sentence(where, key, read,
                        who + now + "read " + target + (wider ? " without credentials" : "") + why));
            }
            if (capabilities.contains(SurfaceMarkdown.RUNS)) {
                sentences.add(new Sentence(where, key, Risk.CHANGES,
                        who + now + "make the application run " + target + " without reading the answer" + why));
            }
        });
        sentences.sort(Sentence.ORDER);
        return sentences.stream().map(Sentence::text).toList();
    }

    /** Which policy applies, for a narrowing: no cause is named, as what was lost is all that matters. */
    private static String why(String policy) {
        return isNone(policy) ? "no policy covers it" : "policy '" + policy + "'";
    }

    static boolean isNone(String policy) {
        return CorsSurface.Selection.NONE.equals(policy);
    }

    private static String who(String label) {
        if (label.startsWith("from source ")) {
            return "origins " + label;
        }
        if (label.contains("*")) {
            return "origins matching " + label;
        }
        return label;
    }

    private static Set<Key> capabilities(Facts facts) {
        Set<Key> capabilities = new LinkedHashSet<>();
        facts.origins.forEach((origin, rows) -> {
            for (AccessRow row : rows) {
                for (String method : row.reads()) {
                    capabilities.add(new Key(origin, row.route(), row.policy(), method, SurfaceMarkdown.READS));
                }
                for (String method : row.readsWithCredentials()) {
                    capabilities.add(new Key(origin, row.route(), row.policy(), method, SurfaceMarkdown.CREDENTIALS));
                }
                for (String method : row.runsWithoutReading()) {
                    capabilities.add(new Key(origin, row.route(), row.policy(), method, SurfaceMarkdown.RUNS));
                }
                if (row.opensSocket()) {
                    capabilities.add(new Key(origin, row.route(), row.policy(), "", SurfaceMarkdown.SOCKET));
                }
            }
        });
        return capabilities;
    }

    private void policies(Facts was, Facts is) {
        for (String name : was.policies.keySet()) {
            if (!is.policies.containsKey(name)) {
                this.others.add("policy '" + name + "' is gone");
            }
        }
        is.policies.forEach((name, columns) -> {
            Map<String, List<String>> before = was.policies.get(name);
            if (before == null) {
                this.others.add("policy '" + name + "' is new: " + describe(columns));
                return;
            }
            columns.forEach((column, values) -> {
                List<String> old = before.getOrDefault(column, List.of());
                if (values.equals(old)) {
                    return;
                }
                String widening = WIDENING_VALUES.get(column);
                if (widening != null || column.equals(Setting.MODE.key())) {
                    String now = String.join(", ", values);
                    String sentence = "policy '" + name + "': " + column + " is now " + now + " (was "
                            + String.join(", ", old) + ")";
                    (Objects.equals(widening, now) ? this.widenings
                            : (widening != null) ? this.narrowings : this.others).add(sentence);
                    return;
                }
                boolean widens = WIDENING_LISTS.contains(column);
                for (String value : values) {
                    if (!old.contains(value)) {
                        (widens ? this.widenings : this.others)
                            .add("policy '" + name + "': " + column + " now include " + value);
                    }
                }
                for (String value : old) {
                    if (!values.contains(value)) {
                        (widens ? this.narrowings : this.others)
                            .add("policy '" + name + "': " + column + " no longer include " + value);
                    }
                }
            });
        });
    }

    private static String describe(Map<String, List<String>> columns) {
        List<String> parts = new ArrayList<>();
        columns.forEach((column, values) -> parts.add(column + " " + (values.isEmpty() ? "none" : String.join(", ", values))));
        return String.join("; ", parts);
    }

    private void routes(Facts was, Facts is) {
        for (String path : was.routes.keySet()) {
            if (!is.routes.containsKey(path)) {
                this.others.add("route " + path + " is gone");
            }
        }
        is.routes.forEach((path, route) -> {
            RouteRow before = was.routes.get(path);
            if (before == null) {
                List<String> policies = new ArrayList<>();
                route.policies.forEach((policy, why) -> policies.add(isNone(policy) ? "no policy"
                        : "policy '" + policy + "' (" + why + ")"));
                this.others.add("route " + path + " is new: " + String.join(", ", route.methods) + ", "
                        + String.join(", ", route.servedBy) + ", " + String.join("; ", policies));
                return;
            }
            for (String method : route.methods) {
                if (!before.methods.contains(method)) {
                    this.others.add("route " + path + " now serves " + method);
                }
            }
            for (String method : before.methods) {
                if (!route.methods.contains(method)) {
                    this.others.add("route " + path + " no longer serves " + method);
                }
            }
            route.policies.forEach((policy, why) -> {
                String old = before.policies.get(policy);
                if (old == null) {
                    this.others.add("route " + path + " now falls under "
                            + (isNone(policy) ? "no policy" : "policy '" + policy + "' (" + why + ")"));
                }
                else if (!old.equals(why)) {
                    this.others.add("route " + path + ", policy '" + policy + "': selected by " + why + " (was "
                            + old + ")");
                }
            });
            before.policies.keySet().forEach((policy) -> {
                if (!route.policies.containsKey(policy)) {
                    this.others.add("route " + path + " no longer falls under "
                            + (isNone(policy) ? "no policy" : "policy '" + policy + "'"));
                }
            });
        });
    }

    /** One capability of one origin on one route, under one policy, and method. */
    private record Key(String origin, String route, String policy, String method, String capability) {

        Key withoutCapability() {
            return new Key(this.origin, this.route, this.policy, this.method, "");
        }

    }

    /** How much a change matters to a reviewer: the first are said first. */
    private enum Risk {

        /** Reading with the user's cookies. */
        CREDENTIALS,

        /** Making the application run a request, or open a socket, or use a method that changes something. */
        CHANGES,

        /** Reading, without credentials, what a safe method answers. */
        READS

    }

    /**
     * A sentence with what orders it: the origin and the policy in the order the surface lists them, the risk, the
     * route and the method.
     */
    private record Sentence(int origin, int policy, Risk risk, String route, String method, String text) {

        static final Comparator<Sentence> ORDER = Comparator.comparingInt(Sentence::origin)
            .thenComparingInt(Sentence::policy)
            .thenComparing(Sentence::risk)
            .thenComparing(Sentence::route)
            .thenComparing(Sentence::method, CorsSurface.METHODS);

        Sentence(Facts where, Key key, Risk risk, String text) {
            this(index(where.origins.keySet(), key.origin()), index(where.policies.keySet(), key.policy()), risk,
                    key.route(), key.method(), text);
        }

        private static int index(Set<String> names, String name) {
            int i = 0;
            for (String each : names) {
                if (each.equals(name)) {
                    return i;
                }
                i++;
            }
            // Not listed (no policy): after those that are.
            return Integer.MAX_VALUE;
        }

    }

}
