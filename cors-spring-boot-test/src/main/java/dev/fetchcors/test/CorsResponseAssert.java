package dev.fetchcors.test;

import java.time.Duration;
import java.util.List;

import org.assertj.core.api.AbstractAssert;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_MAX_AGE;

/**
 * Assertions on a response as a browser's CORS checks judge it (Fetch standard). Failure messages say what the
 * browser would do and why. Obtain one with {@link CorsAssertions#assertThatCors}.
 *
 * <pre>{@code
 * assertThatCors(mvc.perform(MockMvcCors.request(get)))
 *     .allowsOrigin("https://app.example.com")
 *     .exposes("X-Total-Count")
 *     .isWellFormed();
 * }</pre>
 */
public final class CorsResponseAssert extends AbstractAssert<CorsResponseAssert, CorsResponse> {

    CorsResponseAssert(CorsResponse response) {
        super(response, CorsResponseAssert.class);
    }

    /** A script on this origin may read the response, without credentials. */
    public CorsResponseAssert allowsOrigin(String origin) {
        return readable(origin, false);
    }

    /** A script on this origin may read the response of a request sent with credentials. */
    public CorsResponseAssert allowsOriginWithCredentials(String origin) {
        return readable(origin, true);
    }

    private CorsResponseAssert readable(String origin, boolean credentials) {
        isNotNull();
        String refusal = BrowserChecks.corsCheck(this.actual, origin, credentials);
        if (refusal != null) {
            failWithMessage("Expected a browser to let a script on %s read the response%s, but it would block it:"
                    + " %s%s.%nResponse: %s", origin, credentials ? " to a credentialed request" : "", refusal,
                    BrowserChecks.explanation(this.actual, null), this.actual.describe());
        }
        return this;
    }

    /** A script on this origin may not read the response, with or without credentials. */
    public CorsResponseAssert refusesOrigin(String origin) {
        isNotNull();
        if (BrowserChecks.corsCheck(this.actual, origin, false) == null) {
            failWithMessage("Expected a browser to keep the response from a script on %s, but it would let the"
                    + " script read it.%nResponse: %s", origin, this.actual.describe());
        }
        return this;
    }

    /** A script on this origin may read the response without credentials, but not with them. */
    public CorsResponseAssert refusesCredentialsFrom(String origin) {
        allowsOrigin(origin);
        if (BrowserChecks.corsCheck(this.actual, origin, true) == null) {
            failWithMessage("Expected a browser to keep a credentialed response from a script on %s, but it would"
                    + " let the script read it.%nResponse: %s", origin, this.actual.describe());
        }
        return this;
    }

    /** This response to a preflight lets the browser go on and send the request. */
    public CorsResponseAssert allowsPreflightOf(BrowserRequest request) {
        isNotNull();
        String refusal = BrowserChecks.preflightCheck(this.actual, request);
        if (refusal != null) {
            failWithMessage("Expected the preflight to let the browser send %s, but the browser would stop: %s%s."
                    + "%nResponse: %s", request, refusal, BrowserChecks.explanation(this.actual, request),
                    this.actual.describe());
        }
        return this;
    }

    /** This response to a preflight stops the browser: it never sends the request. */
    public CorsResponseAssert refusesPreflightOf(BrowserRequest request) {
        isNotNull();
        if (BrowserChecks.preflightCheck(this.actual, request) == null) {
            failWithMessage("Expected the preflight to stop the browser from sending %s, but the browser would send"
                    + " it.%nResponse: %s", request, this.actual.describe());
        }
        return this;
    }

    /**
     * A script that passed the CORS check may read these response headers (CORS-safelisted ones always; others
     * only when {@code Access-Control-Expose-Headers} lists them, or says {@code *} without credentials).
     */
    public CorsResponseAssert exposes(String... headers) {
        isNotNull();
        boolean credentials = this.actual.values(ACCESS_CONTROL_ALLOW_CREDENTIALS).contains("true");
        for (String header : headers) {
            if (!BrowserChecks.isReadable(this.actual, header, credentials)) {
                failWithMessage("Expected a script to be able to read the response header %s, but the browser would"
                        + " hide it: %s does not list it (add it to exposed-headers).%nResponse: %s", header,
                        ACCESS_CONTROL_EXPOSE_HEADERS, this.actual.describe());
            }
        }
        return this;
    }

    /** A script may not read these response headers, even when the CORS check passes. */
    public CorsResponseAssert doesNotExpose(String... headers) {
        isNotNull();
        boolean credentials = this.actual.values(ACCESS_CONTROL_ALLOW_CREDENTIALS).contains("true");
        for (String header : headers) {
            if (BrowserChecks.isReadable(this.actual, header, credentials)) {
                failWithMessage("Expected the browser to hide the response header %s from scripts, but they may"
                        + " read it.%nResponse: %s", header, this.actual.describe());
            }
        }
        return this;
    }

    /**
     * The browser may cache this preflight's answer for this long ({@code Access-Control-Max-Age}; without it,
     * Fetch's default of 5 seconds).
     */
    public CorsResponseAssert cachesPreflightFor(Duration maxAge) {
        isNotNull();
        List<String> values = this.actual.values(ACCESS_CONTROL_MAX_AGE);
        long seconds = values.isEmpty() ? 5 : parse(values);
        if (seconds != maxAge.getSeconds()) {
            failWithMessage("Expected the browser to cache this preflight for %ss, but it would cache it for %s%s."
                    + "%nResponse: %s", maxAge.getSeconds(), (seconds < 0) ? "no time" : seconds + "s",
                    values.isEmpty() ? " (no " + ACCESS_CONTROL_MAX_AGE + ": Fetch's default)" : "",
                    this.actual.describe());
        }
        return this;
    }

    private static long parse(List<String> values) {
        try {
            return (values.size() == 1) ? Long.parseLong(values.get(0).strip()) : -1;
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /**
     * The response has none of the mistakes browsers and caches punish whatever the request: a CORS header sent
     * twice, {@code *} with credentials, an echoed origin without {@code Vary: Origin}.
     */
    public CorsResponseAssert isWellFormed() {
        isNotNull();
        List<String> problems = BrowserChecks.hygiene(this.actual);
        if (!problems.isEmpty()) {
            failWithMessage("Expected a well-formed CORS response, but:%n - %s%nResponse: %s",
                    String.join(String.format("%n - "), problems), this.actual.describe());
        }
        return this;
    }

    /** The response carries no {@code Access-Control-*} header at all. */
    public CorsResponseAssert hasNoCorsHeaders() {
        isNotNull();
        boolean any = this.actual.headers().stream()
            .anyMatch((header) -> header.getKey().regionMatches(true, 0, "access-control-", 0, 15));
        if (any) {
            failWithMessage("Expected no CORS headers, but the response has some.%nResponse: %s",
                    this.actual.describe());
        }
        return this;
    }

}
