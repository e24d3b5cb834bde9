package dev.fetchcors.autoconfigure.reactive;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsHeaders;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.ClassUtils;

/**
 * Netty's own headers under the request and the response that Spring's Reactor Netty adapter created, read and
 * written without that adapter in between. Spring's {@code HttpHeaders} over Netty looks a header up twice to read
 * all its lines, and hashes and validates a {@code String} name on every write; Netty's {@link AsciiString} names
 * carry their hash, and one lookup returns every line.
 *
 * <p>Only the exact request and response the adapter created qualify: a mutated request or a decorated response may
 * show other headers than Netty's, so anything else is left to Spring's API ({@code null} here). Netty's types appear
 * in this class alone, which callers load only where Reactor Netty and Spring's adapter for it are on the class path,
 * and hold the headers as an {@code Object}.
 */
final class ReactorNettyHeaders {

    static final String REQUEST_CLASS = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

    static final String RESPONSE_CLASS = "org.springframework.http.server.reactive.ReactorServerHttpResponse";

    private static final Class<?> requestClass = ClassUtils.resolveClassName(REQUEST_CLASS,
            ReactorNettyHeaders.class.getClassLoader());

    private static final Class<?> responseClass = ClassUtils.resolveClassName(RESPONSE_CLASS,
            ReactorNettyHeaders.class.getClassLoader());

    /**
     * The names the engine reads and writes, spelled as it spells them ({@link CorsHeaders}), with their hash
     * computed once.
     */
    private static final Map<String, AsciiString> NAMES = names();

    /**
     * The same names, the commonest first, found by identity: the engine passes its constants, and a few reference
     * comparisons cost less than a map that hashes or probes for every header read or written.
     */
    private static final String[] CONSTANTS = constants();

    /** The ASCII string of {@link #CONSTANTS}' name at the same index. */
    private static final AsciiString[] CONSTANT_NAMES = Stream.of(CONSTANTS).map(NAMES::get)
        .toArray(AsciiString[]::new);

    /**
     * The {@code Vary} lines the engine writes, as Netty's ASCII strings: Netty checks every byte of a value it is
     * given, and checks an {@link AsciiString}'s bytes in a tight loop where a {@code String}'s go through
     * {@code charAt}; a preflight's line is 70 characters long.
     */
    private static final Map<String, VaryLine> VARY_LINES = varyLines();

    /** How many decisions keep their headers prepared ({@link #addToEmpty}); a power of two. */
    private static final int PREPARED_SLOTS = 256;

    /**
     * How many slots a decision may take, next to one another: decisions of several policies (per-path ones, or the
     * same origins listed twice) share their first header value and land in the same place.
     */
    private static final int PREPARED_WAYS = 4;

    /**
     * Decisions' headers as Netty holds them, each slot taken by a decision seen twice in a row in its group and
     * kept while the decision lives (its policy in force). Read and written without locks: a slot holds an
     * immutable {@link Prepared} or nothing, and a reader that finds none writes the headers one by one.
     */
    private static final Prepared[] PREPARED = new Prepared[PREPARED_SLOTS];

    /**
     * The first header value of the decision last seen in each group of slots, compared by identity: a decision the
     * policy keeps (an exact origin's, answered from its configured string) is seen again, one made for a single
     * request (an origin echoed from the request) never is, and is never prepared.
     */
    private static final String[] SEEN = new String[PREPARED_SLOTS / PREPARED_WAYS];

    private ReactorNettyHeaders() {
    }

    /** Netty's headers under the request, or {@code null} unless it is the adapter's own, unmutated. */
    static @Nullable Object of(ServerHttpRequest request) {
        if (request.getClass() != requestClass) {
            return null;
        }
        HttpServerRequest nativeRequest = ((AbstractServerHttpRequest) request).getNativeRequest();
        return nativeRequest.requestHeaders();
    }

    /** Netty's headers under the response, or {@code null} unless it is the adapter's own, undecorated. */
    static @Nullable Object of(ServerHttpResponse response) {
        if (response.getClass() != responseClass) {
            return null;
        }
        HttpServerResponse nativeResponse = ((AbstractServerHttpResponse) response).getNativeResponse();
        return nativeResponse.responseHeaders();
    }

    static @Nullable String first(Object headers, String name) {
        return ((HttpHeaders) headers).get(name(name));
    }

    /** Every line of the header as received, in one lookup; empty when there is none. */
    static List<String> lines(Object headers, String name) {
        return ((HttpHeaders) headers).getAll(name(name));
    }

    /** Whether the header came on more than one line, read in place, without a list of its lines. */
    static boolean isRepeated(Object headers, String name) {
        Iterator<String> lines = ((HttpHeaders) headers).valueStringIterator(name(name));
        if (!lines.hasNext()) {
            return false;
        }
        lines.next();
        return lines.hasNext();
    }

    /**
     * The header's only line, {@code several} when it came on more than one, or {@code null} when it is absent: one
     * lookup, and no list of its lines.
     */
    static @Nullable String only(Object headers, String name, String several) {
        Iterator<? extends CharSequence> lines = ((HttpHeaders) headers).valueCharSequenceIterator(name(name));
        if (!lines.hasNext()) {
            return null;
        }
        CharSequence line = lines.next();
        return lines.hasNext() ? several : line.toString();
    }

    static void set(Object headers, String name, String value) {
        ((HttpHeaders) headers).set(name(name), value);
    }

    /** Sets {@code Vary} to tokens the engine computed, as Netty's ASCII string where it is one of the usual lines. */
    static void setVary(Object headers, String tokens) {
        VaryLine line = VARY_LINES.get(tokens);
        ((HttpHeaders) headers).set(name(CorsHeaders.VARY), (line != null) ? line.line : tokens);
    }

    /**
     * Writes one of the usual {@code Vary} lines, alone, on a response that has no header yet but Reactor Netty's
     * {@code Transfer-Encoding}, by copying it as Netty validated it the first time, as {@link #addToEmpty} copies a
     * decision's headers.
     *
     * @return {@code false}, having written nothing, when the response has a header already or the line is not one
     *         of the usual ones: the caller merges it as usual
     */
    static boolean addVaryToEmpty(Object headers, String tokens) {
        if (headers.getClass() != DefaultHttpHeaders.class) {
            return false;
        }
        DefaultHttpHeaders target = (DefaultHttpHeaders) headers;
        VaryLine line = VARY_LINES.get(tokens);
        if (line == null || !isFresh(target)) {
            return false;
        }
        DefaultHttpHeaders prepared = line.prepared;
        if (prepared == null) {
            // A copy validates as the response's headers do; emptied, as it may hold Transfer-Encoding.
            prepared = (DefaultHttpHeaders) target.copy();
            prepared.clear();
            prepared.set(name(CorsHeaders.VARY), line.line);
            line.prepared = prepared;
        }
        target.add(prepared);
        return true;
    }

    /**
     * Writes a decision's headers and {@code Vary} on a response that has no header yet but Reactor Netty's
     * {@code Transfer-Encoding} (the usual one in front of the chain) by copying headers Netty validated once, when
     * the decision was first prepared, where writing them one by one validates every name and value byte by byte
     * again; on such a response, adding is setting.
     *
     * @param headers the response's headers
     * @param decision a decision with at least one header
     * @return {@code false}, having written nothing, when the response has a header already or the decision is not
     *         prepared: the caller writes the headers one by one
     */
    static boolean addToEmpty(Object headers, CorsDecision decision) {
        // Netty's own class only: a subclass (CombinedHttpHeaders) may add otherwise than it sets.
        if (headers.getClass() != DefaultHttpHeaders.class) {
            return false;
        }
        DefaultHttpHeaders target = (DefaultHttpHeaders) headers;
        if (!isFresh(target)) {
            return false;
        }
        String first = decision.headerValue(0);
        int hash = first.hashCode() ^ (decision.headerCount() * 0x9E3779B9);
        int group = (hash ^ (hash >>> 16)) & (PREPARED_SLOTS / PREPARED_WAYS - 1);
        Prepared prepared = prepared(group, decision);
        if (prepared == null) {
            if (SEEN[group] != first) {
                SEEN[group] = first;
                return false;
            }
            prepared = prepare(group, decision, target);
            if (prepared == null) {
                return false;
            }
        }
        // Netty copies the entries without validating them again when both header maps validate alike, and
        // validates each otherwise.
        target.add(prepared.headers);
        return true;
    }

    /**
     * Whether the response's headers hold nothing a decision's headers could meet, so that adding them is setting
     * them: none at all, or only the {@code Transfer-Encoding: chunked} line Reactor Netty puts on every response it
     * creates (and removes when a length is set).
     */
    private static boolean isFresh(DefaultHttpHeaders headers) {
        int size = headers.size();
        return size == 0 || (size == 1 && headers.contains(HttpHeaderNames.TRANSFER_ENCODING));
    }

    private static @Nullable Prepared prepared(int group, CorsDecision decision) {
        for (int slot = group * PREPARED_WAYS; slot < (group + 1) * PREPARED_WAYS; slot++) {
            Prepared prepared = PREPARED[slot];
            if (prepared != null && prepared.get() == decision) {
                return prepared;
            }
        }
        return null;
    }

    /** Prepares the decision in a free slot of its group, or answers {@code null} when every slot is taken. */
    private static @Nullable Prepared prepare(int group, CorsDecision decision, DefaultHttpHeaders empty) {
        for (int slot = group * PREPARED_WAYS; slot < (group + 1) * PREPARED_WAYS; slot++) {
            Prepared taken = PREPARED[slot];
            if (taken == null || taken.get() == null) {
                Prepared prepared = new Prepared(decision, empty);
                PREPARED[slot] = prepared;
                return prepared;
            }
        }
        return null;
    }

    /** A decision's headers and {@code Vary}, validated and hashed once by Netty. */
    private static final class Prepared extends WeakReference<CorsDecision> {

        private final DefaultHttpHeaders headers;

        /**
         * @param decision the decision
         * @param empty a response's headers, with none a decision writes: the prepared ones validate as they do
         */
        Prepared(CorsDecision decision, DefaultHttpHeaders empty) {
            super(decision);
            DefaultHttpHeaders headers = (DefaultHttpHeaders) empty.copy();
            headers.clear();
            for (int i = 0; i < decision.headerCount(); i++) {
                set(headers, decision.headerName(i), decision.headerValue(i));
            }
            String vary = decision.vary();
            if (vary != null) {
                setVary(headers, vary);
            }
            this.headers = headers;
        }

    }

    private static CharSequence name(String name) {
        String[] constants = CONSTANTS;
        for (int i = 0; i < constants.length; i++) {
            if (constants[i] == name) {
                return CONSTANT_NAMES[i];
            }
        }
        AsciiString ascii = NAMES.get(name);
        return (ascii != null) ? ascii : name;
    }

    private static String[] constants() {
        Set<String> constants = new LinkedHashSet<>(List.of(CorsHeaders.ORIGIN,
                CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CorsHeaders.VARY, CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD,
                CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS, CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS,
                CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS, CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                CorsHeaders.ACCESS_CONTROL_MAX_AGE, CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS));
        constants.addAll(NAMES.keySet());
        return constants.toArray(String[]::new);
    }

    /** One of the usual {@code Vary} lines, and once a response needed it alone, a header map that holds it. */
    private static final class VaryLine {

        private final AsciiString line;

        /** Written once it is built, and never changed after. */
        private volatile @Nullable DefaultHttpHeaders prepared;

        VaryLine(String line) {
            this.line = AsciiString.cached(line);
        }

    }

    private static Map<String, VaryLine> varyLines() {
        // As the engine joins them; a line spelled otherwise is written as the String it is, with the same bytes.
        String preflight = String.join(", ", CorsHeaders.ORIGIN, CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD,
                CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        Map<String, VaryLine> lines = new HashMap<>();
        for (String line : List.of(CorsHeaders.ORIGIN, preflight,
                preflight + ", " + CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK)) {
            lines.put(line, new VaryLine(line));
        }
        return Map.copyOf(lines);
    }

    private static Map<String, AsciiString> names() {
        Map<String, AsciiString> names = new HashMap<>();
        List<String> all = new ArrayList<>(CorsHeaders.RESPONSE_HEADERS);
        all.addAll(CorsHeaders.REQUEST_HEADERS);
        all.add(CorsHeaders.VARY);
        all.add(CorsHeaders.UPGRADE);
        for (String name : all) {
            names.put(name, AsciiString.cached(name));
        }
        return Map.copyOf(names);
    }

}
