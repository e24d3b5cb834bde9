package dev.fetchcors.autoconfigure.web;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one place that bridges what differs between the Spring Framework lines the starter runs on (6.2 under
 * Boot 3.5, 7.x under Boot 4): on 6.2 {@link HttpHeaders} is a {@code MultiValueMap} whose {@code get} and
 * {@code remove} take an {@code Object}; on 7.x they take a {@code String}; only 6.2's {@code PathPatternParser}
 * can match an optional trailing slash. Code compiled against one line would
 * fail with {@code NoSuchMethodError} on the other, so these calls go through method handles found once.
 */
public final class SpringWebCompatibility {

    private static final MethodHandle GET = find("get");

    private static final MethodHandle REMOVE = find("remove");

    private SpringWebCompatibility() {
    }

    /**
     * Every value of a header, one per header line as received, or {@code null} when absent.
     *
     * @param headers the headers
     * @param name the header name, matched case-insensitively
     * @return the values, not to be modified
     */
    @SuppressWarnings("unchecked")
    public static @Nullable List<String> get(HttpHeaders headers, String name) {
        try {
            return (List<String>) GET.invokeExact(headers, name);
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Removes a header, every line of it.
     *
     * @param headers the headers, writable
     * @param name the header name, matched case-insensitively
     */
    @SuppressWarnings("unchecked")
    public static void remove(HttpHeaders headers, String name) {
        try {
            List<String> removed = (List<String>) REMOVE.invokeExact(headers, name);
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Whether a parser's patterns match the way the default parser's do. Framework 6.2 can also make a pattern
     * match an optional trailing slash ({@code setMatchOptionalTrailingSeparator}, gone in 7.0).
     *
     * @param parser a router's parser
     * @return {@code true} when its patterns match as {@link PathPatternParser#defaultInstance}'s do
     */
    public static boolean matchesAsDefault(PathPatternParser parser) {
        PathPatternParser reference = PathPatternParser.defaultInstance;
        if (parser.isCaseSensitive() != reference.isCaseSensitive()
                || parser.getPathOptions() != reference.getPathOptions()) {
            return false;
        }
        Method trailingSeparator = ReflectionUtils.findMethod(PathPatternParser.class,
                "isMatchOptionalTrailingSeparator");
        return trailingSeparator == null || Objects.equals(ReflectionUtils.invokeMethod(trailingSeparator, parser),
                ReflectionUtils.invokeMethod(trailingSeparator, reference));
    }

    private static MethodHandle find(String name) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodType type = MethodType.methodType(List.class, String.class);
        try {
            return lookup.findVirtual(HttpHeaders.class, name, type);
        }
        catch (NoSuchMethodException ex) {
            try {
                // Framework 6.2: the Map signature.
                return lookup.findVirtual(HttpHeaders.class, name, MethodType.methodType(List.class, Object.class))
                    .asType(MethodType.methodType(List.class, HttpHeaders.class, String.class));
            }
            catch (ReflectiveOperationException ex2) {
                ex2.addSuppressed(ex);
                throw new IllegalStateException("HttpHeaders has no " + name + " method of either known form", ex2);
            }
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
