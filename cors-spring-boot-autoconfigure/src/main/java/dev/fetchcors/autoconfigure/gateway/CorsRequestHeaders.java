package dev.fetchcors.autoconfigure.gateway;

/**
 * The request headers of the CORS protocol, which a gateway does not forward when
 * {@code app.cors.gateway.forward-origin=false}.
 */
final class CorsRequestHeaders {

    private CorsRequestHeaders() {
    }

    /** {@code Origin} and every {@code Access-Control-Request-*} header, in any case. */
    static boolean isCorsRequestHeader(String name) {
        return name.equalsIgnoreCase("Origin") || name.regionMatches(true, 0, "access-control-request-", 0, 23);
    }

}
