package dev.fetchcors.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fetchcors.core.CorsDecision.Kind;
import dev.fetchcors.core.CorsDecision.Refusal;

/**
 * One row of the contract: a configuration, a request, and the response the library must give. Written without
 * reference to the engine's internals, so that the same rows can be run against the engine directly and against
 * the servlet and reactive adapters over HTTP.
 *
 * @param name what the row shows, for test reports
 * @param config the configuration the policy is compiled from
 * @param request the request, with its header lines in order
 * @param kind how the request takes part in CORS
 * @param refusal why it is refused, or {@code null} when allowed or not CORS
 * @param answeredStatus the status the library answers with itself, or {@code null} when the request is passed
 *        on to the application
 * @param headers every {@code Access-Control-*} response header, exactly (none other may be present)
 * @param vary the {@code Vary} value the library adds, or {@code null} for none
 */
public record CorsCase(String name, CorsConfig config, TestRequest request, Kind kind, Refusal refusal,
        Integer answeredStatus, Map<String, String> headers, String vary) {

    /** Whether a plain HTTP client and server carry this request as is (printable ASCII, short header lines). */
    public boolean sendableOverHttp() {
        // HTTP clients refuse CONNECT, and a server fills in the target origin itself.
        if (this.request.method().equalsIgnoreCase("CONNECT") || this.request.targetOrigin() != null) {
            return false;
        }
        for (String[] line : this.request.lines()) {
            // A WebSocket handshake is sent by the WebSocket tests, with a real client: HTTP clients refuse Upgrade.
            if (line[0].equalsIgnoreCase("Upgrade")) {
                return false;
            }
            String value = line[1];
            if (value.length() > 4000 || value.isEmpty() || value.strip().length() != value.length()) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return this.name;
    }

    /** Builds the expected side of a row. */
    static final class Expect {

        private final Kind kind;

        private Refusal refusal;

        private Integer answeredStatus;

        private final Map<String, String> headers = new LinkedHashMap<>();

        private String vary;

        private Expect(Kind kind) {
            this.kind = kind;
        }

        static Expect notCors() {
            return new Expect(Kind.NOT_CORS);
        }

        static Expect actual() {
            return new Expect(Kind.ACTUAL);
        }

        static Expect preflight() {
            return new Expect(Kind.PREFLIGHT);
        }

        static Expect handshake() {
            return new Expect(Kind.WEBSOCKET);
        }

        Expect refused(Refusal refusal) {
            this.refusal = refusal;
            return this;
        }

        Expect answered(int status) {
            this.answeredStatus = status;
            return this;
        }

        Expect header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        Expect vary(String vary) {
            this.vary = vary;
            return this;
        }

        CorsCase build(String name, CorsConfig config, TestRequest request) {
            return new CorsCase(name, config, request, this.kind, this.refusal, this.answeredStatus,
                    Collections.unmodifiableMap(new LinkedHashMap<>(this.headers)), this.vary);
        }

    }

}
