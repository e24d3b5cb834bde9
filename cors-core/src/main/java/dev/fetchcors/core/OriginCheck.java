package dev.fetchcors.core;

/**
 * A dynamic decision on origins, consulted for any origin that the configured {@code allowed-origins} do not
 * already allow: for example origins kept in a database, or one tenant's list.
 *
 * <pre>{@code
 * CorsConfig config = CorsConfig.builder()
 *         .originCheck(origin -> tenants.isRegisteredOrigin(origin))
 *         .allowCredentials(true)
 *         .build();
 * }</pre>
 *
 * <p>The engine only asks about values that are well-formed serialized origins of the {@code http} or
 * {@code https} scheme ({@code "null"} and malformed values are refused before this is called). The answer must
 * depend on the origin alone, not on anything else in the request, because responses vary by {@code Origin}
 * only; the engine always sends {@code Vary: Origin} when an origin check is configured. It is called on every
 * CORS request whose origin is not listed, so it should be fast (cache what you look up).
 */
@FunctionalInterface
public interface OriginCheck {

    /**
     * Whether the given origin may read responses.
     *
     * @param origin a serialized origin, such as {@code https://app.example.com} or {@code http://localhost:3000}
     * @return {@code true} to allow it
     */
    boolean isAllowed(String origin);

}
