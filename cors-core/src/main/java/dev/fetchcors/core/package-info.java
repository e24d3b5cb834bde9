/**
 * The CORS engine: framework-neutral, with no dependency at run time. A web adapter (the servlet filter, the
 * reactive WebFilter, or your own) reads the request, the engine decides, the adapter writes what it decided.
 *
 * <pre>{@code
 * CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder()      // validated once, at startup
 *         .allowedOrigins("https://app.example.com", "https://*.example.org")
 *         .allowedMethods("PUT", "DELETE")
 *         .allowedHeaders("Content-Type", "X-Request-Id")
 *         .allowCredentials(true)
 *         .build());
 *
 * CorsDecision decision = policy.evaluate(requestView);            // per request, thread-safe
 * // set decision.headerName(i) to decision.headerValue(i), merge decision.vary() into Vary,
 * // and if decision.isAnswered(), answer decision.status() with an empty body instead of calling the application.
 * }</pre>
 *
 * <h2>The public API</h2>
 * <ul>
 * <li>{@link dev.fetchcors.core.CorsConfig} and its {@code Builder}: the configuration as a person writes it
 * (allowed origins, methods, headers, exposed headers, credentials, private network access, max age, preflight
 * status and passthrough, an {@link dev.fetchcors.core.OriginCheck}, and the opt-ins whose names say they are
 * dangerous); {@code settings()} lists every setting under its property name, and {@code CorsConfig.Setting}
 * declares each name once.</li>
 * <li>{@link dev.fetchcors.core.CorsPolicy}: {@code compile(config)} validates and compiles a configuration;
 * {@code evaluate(request)} classifies a request and decides; {@code config()} is what it was compiled from;
 * {@code publicSuffixListVersion()} names the bundled Public Suffix List.</li>
 * <li>{@link dev.fetchcors.core.CorsConfigException} and {@link dev.fetchcors.core.ConfigProblem}: every problem
 * of a configuration at once, each with its property, value, reason and fix, rendered one way everywhere.</li>
 * <li>{@link dev.fetchcors.core.CorsRequest}: the read-only view of a request that adapters implement (method, a
 * header, all lines of a header, whether a header is repeated).</li>
 * <li>{@link dev.fetchcors.core.CorsDecision}: the immutable answer: kind (not CORS, preflight, actual, WebSocket
 * handshake), allowed or why refused, the headers to set, the {@code Vary} tokens to merge ({@code mergeVary} does
 * it), the status when the request is answered by the adapter, and the reason in words ({@code reason(request)}
 * names the request value at fault; decisions are shared where they can be, so that refusing allocates
 * nothing).</li>
 * <li>{@link dev.fetchcors.core.CorsHeaders}: the names of the protocol's headers, written once for the engine,
 * the adapters and the tests, and the one {@code Vary} merger for a response that must keep a single line.</li>
 * <li>{@link dev.fetchcors.core.BrowserRules}: the browser's rules, written once: safelisted and forbidden methods
 * and headers, how a browser reads a comma-separated list, and the checks it runs on a CORS answer.</li>
 * <li>{@link dev.fetchcors.core.CorsAnswer} and {@link dev.fetchcors.core.CorsDifference}: a response as a browser's
 * checks read it, and where a browser would judge two answers to one request otherwise (shadow mode, candidate
 * policies), with the words that explain it.</li>
 * <li>{@link dev.fetchcors.core.OriginEntries}: origins loaded at run time, checked entry by entry as
 * {@code allowed-origins} is.</li>
 * <li>{@link dev.fetchcors.core.OriginCheck}: a dynamic origin predicate, for origins kept elsewhere.</li>
 * <li>{@link dev.fetchcors.core.BrowserClassifier}: the browser's side, whether a request would be preflighted;
 * for diagnostics only.</li>
 * </ul>
 *
 * <h2>The rules it enforces</h2>
 * The WHATWG Fetch standard's CORS protocol, as the project's contract reads it: origins are parsed strictly as
 * serialized origins with bounded work and matched in time that does not grow with the number configured;
 * preflight methods are compared byte for byte and header names case-insensitively, within limits on size;
 * {@code *} is a literal name with credentials and never covers {@code Authorization}; responses that depend on
 * {@code Origin} say {@code Vary: Origin}; configurations that could never work or would expose users (such as
 * {@code *} with credentials, a wildcard over a public suffix, an {@code http://} origin with credentials) are
 * refused at startup.
 *
 * <p>Everything else in the package is internal and package-private.
 */
package dev.fetchcors.core;
