package dev.fetchcors.autoconfigure.surface;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.fetchcors.autoconfigure.surface.CorsSurface.RouteKind;
import dev.fetchcors.autoconfigure.surface.RouteSource.DiscoveredRoute;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * What a functional router holds, read through the visitors both stacks' {@code RouterFunctions} and
 * {@code RequestPredicates} accept: each route's paths and methods, nested routes with their prefixes. A predicate
 * the visitor cannot read (a lambda, a negation) is taken at its widest: any path under its prefix, any method, and
 * the route says so. The stack's visitors call it; it knows neither stack.
 */
final class FunctionalRoutes {

    private final String prefix;

    private final List<DiscoveredRoute> routes = new ArrayList<>();

    /** The alternatives of each nesting level around the route being read. */
    private final Deque<List<Alternative>> nests = new ArrayDeque<>();

    /** The frames of the predicate being read. */
    private final Deque<Frame> frames = new ArrayDeque<>();

    FunctionalRoutes(String prefix) {
        this.prefix = prefix;
    }

    List<DiscoveredRoute> routes() {
        return this.routes;
    }

    // A predicate, read in a visitor's calls.

    void beginPredicate() {
        this.frames.push(new Frame(Frame.AND));
    }

    List<Alternative> endPredicate() {
        return this.frames.pop().combine();
    }

    void startAnd() {
        this.frames.push(new Frame(Frame.AND));
    }

    void startOr() {
        this.frames.push(new Frame(Frame.OR));
    }

    void startNegate() {
        this.frames.push(new Frame(Frame.NEGATE));
    }

    void end() {
        List<Alternative> combined = this.frames.pop().combine();
        this.frames.peek().children.add(combined);
    }

    void method(Set<String> methods) {
        leaf(new Alternative(null, methods, null));
    }

    void path(String pattern) {
        leaf(new Alternative(pattern, Set.of(), null));
    }

    /** A predicate that narrows neither path nor method (a header, a parameter, a version, an extension). */
    void other() {
        leaf(new Alternative(null, Set.of(), null));
    }

    void unknown(String description) {
        leaf(new Alternative(null, Set.of(), description));
    }

    private void leaf(Alternative alternative) {
        this.frames.peek().children.add(List.of(alternative));
    }

    // The router, read in a visitor's calls.

    void nest(List<Alternative> predicate) {
        this.nests.push(predicate);
    }

    void unnest() {
        this.nests.pop();
    }

    void route(List<Alternative> predicate, String handler) {
        // A route without a path of its own serves every path under its nests.
        List<Alternative> alternatives = predicate.stream()
            .map((alternative) -> (alternative.path() != null) ? alternative
                    : new Alternative("/**", alternative.methods(), alternative.unreadable()))
            .toList();
        for (List<Alternative> nest : this.nests) {
            alternatives = Frame.and(nest, alternatives);
        }
        for (Alternative alternative : alternatives) {
            add(alternative, RouteKind.FUNCTIONAL, handler);
        }
    }

    void resources(String lookup) {
        // RouterFunctions.resources(pattern, location) describes itself as "pattern -> location".
        int arrow = lookup.indexOf(" -> ");
        String pattern = (arrow > 0 && lookup.startsWith("/")) ? lookup.substring(0, arrow) : null;
        String reason = (pattern != null) ? null : "a resource lookup the surface cannot read: " + lookup;
        route(List.of(new Alternative(pattern, UrlHandlers.methods(RouteKind.STATIC_RESOURCES), reason)),
                "resources " + lookup);
    }

    void unknownRouter(String description) {
        route(List.of(new Alternative(null, Set.of(), "a router function the surface cannot read: " + description)),
                description);
    }

    private void add(Alternative alternative, RouteKind kind, String handler) {
        String path = (alternative.path() != null) ? alternative.path() : "/**";
        String note = (alternative.unreadable() != null) ? " (" + alternative.unreadable() + ")" : "";
        PathPattern pattern;
        try {
            pattern = PathPatternParser.defaultInstance.parse(path);
        }
        catch (PatternParseException ex) {
            pattern = null;
        }
        this.routes.add(new DiscoveredRoute(this.prefix + path, pattern, this.prefix, alternative.methods(), kind,
                handler + note));
    }

    /** A lambda's class name says nothing stable: the class that declared it does. */
    static String handlerName(Object handler) {
        String name = handler.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return (lambda > 0) ? name.substring(0, lambda) + " (lambda)" : name;
    }

    /**
     * One way a predicate can match: a path pattern ({@code null} for any), methods (empty for any), and why it is
     * wider than the predicate, where it could not be read.
     */
    record Alternative(@Nullable String path, Set<String> methods, @Nullable String unreadable) {
    }

    private static final class Frame {

        static final int AND = 0;

        static final int OR = 1;

        static final int NEGATE = 2;

        final int type;

        final List<List<Alternative>> children = new ArrayList<>();

        Frame(int type) {
            this.type = type;
        }

        List<Alternative> combine() {
            if (this.type == NEGATE) {
                // "Not this" matches what the surface cannot list: any path, any method.
                return List.of(new Alternative(null, Set.of(), "a negated predicate"));
            }
            if (this.type == OR) {
                List<Alternative> union = new ArrayList<>();
                this.children.forEach(union::addAll);
                return union;
            }
            List<Alternative> product = List.of(new Alternative(null, Set.of(), null));
            for (List<Alternative> child : this.children) {
                product = and(product, child);
            }
            return product;
        }

        /** Both at once: the paths joined (a nest's prefix, then the route's), the methods common to both. */
        static List<Alternative> and(List<Alternative> outer, List<Alternative> inner) {
            List<Alternative> product = new ArrayList<>();
            for (Alternative a : outer) {
                for (Alternative b : inner) {
                    product.add(new Alternative(join(a.path(), b.path()), methods(a.methods(), b.methods()),
                            (a.unreadable() != null) ? a.unreadable() : b.unreadable()));
                }
            }
            return product;
        }

        private static @Nullable String join(@Nullable String outer, @Nullable String inner) {
            if (outer == null) {
                return inner;
            }
            if (inner == null) {
                return outer;
            }
            if (outer.endsWith("/") && inner.startsWith("/")) {
                return outer + inner.substring(1);
            }
            return outer + inner;
        }

        private static Set<String> methods(Set<String> a, Set<String> b) {
            if (a.isEmpty()) {
                return b;
            }
            if (b.isEmpty()) {
                return a;
            }
            Set<String> common = new LinkedHashSet<>(a);
            common.retainAll(b);
            return common;
        }

    }

}
