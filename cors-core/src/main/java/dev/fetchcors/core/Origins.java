package dev.fetchcors.core;

/**
 * Strict parsing of serialized origins (Fetch, "serialized-origin"; URL standard, host serialization) of the
 * {@code http} and {@code https} schemes. The hot path returns a packed {@code long} and allocates nothing;
 * {@link #problem(String)} explains a refusal in words, for logs and validation messages.
 */
final class Origins {

    /** {@code https://} + a 253-character domain + {@code :65535}. */
    static final int MAX_LENGTH = 8 + 253 + 6;

    static final long INVALID = -1L;

    static final int HOST_DOMAIN = 0;

    static final int HOST_IPV4 = 1;

    static final int HOST_IPV6 = 2;

    private Origins() {
    }

    // Packed result: bit 0 https, bits 1-2 host kind, bits 3-11 host end, bits 12-28 port (0 = scheme default).

    static boolean isHttps(long parsed) {
        return (parsed & 1L) != 0;
    }

    static int hostKind(long parsed) {
        return (int) ((parsed >>> 1) & 3L);
    }

    static int hostStart(long parsed) {
        return isHttps(parsed) ? 8 : 7;
    }

    static int hostEnd(long parsed) {
        return (int) ((parsed >>> 3) & 0x1FFL);
    }

    /** The explicit port, or 0 when the origin uses its scheme's default port. */
    static int port(long parsed) {
        return (int) ((parsed >>> 12) & 0x1FFFFL);
    }

    /**
     * Whether a well-formed serialized origin is the origin a request targets, from the scheme, host and port the
     * adapter reports (a host in any case, an IPv6 address with or without brackets, -1 for the scheme's default
     * port). Allocates nothing.
     *
     * @param origin the origin
     * @param parsed the origin, as {@link #parse} returned it
     * @param request the request, which tells its target
     */
    static boolean isSameOrigin(String origin, long parsed, CorsRequest request) {
        String scheme = request.targetScheme();
        String host = request.targetHost();
        if (scheme == null || host == null || !scheme.equalsIgnoreCase(isHttps(parsed) ? "https" : "http")) {
            return false;
        }
        int defaultPort = isHttps(parsed) ? 443 : 80;
        int port = request.targetPort();
        int originPort = port(parsed);
        if (((port < 0) ? defaultPort : port) != ((originPort == 0) ? defaultPort : originPort)) {
            return false;
        }
        int from = hostStart(parsed);
        int to = hostEnd(parsed);
        if (hostKind(parsed) == HOST_IPV6 && !host.startsWith("[")) {
            from++;
            to--;
        }
        if (host.length() != to - from) {
            return false;
        }
        // ASCII case only: the origin is lower case, and no other folding may make a host equal to it.
        for (int i = 0; i < host.length(); i++) {
            if (HttpLists.toLower(host.charAt(i)) != origin.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a serialized origin.
     *
     * @return the packed result, or {@link #INVALID}
     */
    static long parse(String value) {
        int length = value.length();
        if (length > MAX_LENGTH || length < 8) {
            return INVALID;
        }
        boolean https;
        int i;
        if (value.startsWith("https://")) {
            https = true;
            i = 8;
        }
        else if (value.startsWith("http://")) {
            https = false;
            i = 7;
        }
        else {
            return INVALID;
        }
        int hostEnd;
        int kind;
        if (i < length && value.charAt(i) == '[') {
            int close = value.indexOf(']', i);
            if (close < 0 || !isCanonicalIpv6(value, i + 1, close)) {
                return INVALID;
            }
            hostEnd = close + 1;
            kind = HOST_IPV6;
        }
        else {
            hostEnd = i;
            while (hostEnd < length) {
                char c = value.charAt(hostEnd);
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                    hostEnd++;
                }
                else {
                    break;
                }
            }
            kind = hostKind(value, i, hostEnd);
            if (kind < 0) {
                return INVALID;
            }
        }
        int port = 0;
        if (hostEnd < length) {
            if (value.charAt(hostEnd) != ':') {
                return INVALID;
            }
            port = parsePort(value, hostEnd + 1, length);
            if (port <= 0 || port == (https ? 443 : 80)) {
                return INVALID;
            }
        }
        return (https ? 1L : 0L) | ((long) kind << 1) | ((long) hostEnd << 3) | ((long) port << 12);
    }

    /** A port of 1 to 5 digits without a leading zero, from 1 to 65535; else -1. */
    static int parsePort(String value, int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > 5 || value.charAt(from) == '0') {
            return -1;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return (port <= 65535) ? port : -1;
    }

    /**
     * Classifies a host of lower-case letters, digits, hyphens and dots: a domain, a canonical IPv4 address, or
     * neither (-1). A name whose last label is numeric would be read as IPv4 by the URL parser, so it must be one.
     */
    static int hostKind(String value, int from, int to) {
        if (from >= to || to - from > 253) {
            return -1;
        }
        int lastDot = value.lastIndexOf('.', to - 1);
        int lastLabel = (lastDot < from) ? from : lastDot + 1;
        if (endsInNumber(value, lastLabel, to)) {
            return isCanonicalIpv4(value, from, to) ? HOST_IPV4 : -1;
        }
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || value.charAt(i) == '.') {
                int labelLength = i - labelStart;
                if (labelLength < 1 || labelLength > 63 || value.charAt(labelStart) == '-'
                        || value.charAt(i - 1) == '-') {
                    return -1;
                }
                labelStart = i + 1;
            }
        }
        return HOST_DOMAIN;
    }

    private static boolean endsInNumber(String value, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean allDigits = true;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                allDigits = false;
                break;
            }
        }
        if (allDigits) {
            return true;
        }
        // URL standard: "0x" followed by hex digits is an IPv4 number too.
        if (to - from >= 2 && value.charAt(from) == '0' && value.charAt(from + 1) == 'x') {
            for (int i = from + 2; i < to; i++) {
                char c = value.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Four decimal parts from 0 to 255, without leading zeros: how the URL standard serializes IPv4. */
    static boolean isCanonicalIpv4(String value, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int number = 0;
            while (i < to && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                number = number * 10 + (value.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int digits = i - start;
            if (digits == 0 || number > 255 || (digits > 1 && value.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                break;
            }
            if (value.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return parts == 4;
    }

    /**
     * Whether {@code value[from, to)} is an IPv6 address written as the URL standard serializes it: lower-case
     * hex, no leading zeros, the first longest run of two or more zero pieces compressed, no embedded IPv4.
     */
    static boolean isCanonicalIpv6(String value, int from, int to) {
        if (to - from < 2 || to - from > 39) {
            return false;
        }
        int[] pieces = new int[8];
        int pieceIndex = 0;
        int compress = -1;
        int i = from;
        if (value.charAt(i) == ':') {
            if (value.charAt(i + 1) != ':') {
                return false;
            }
            i += 2;
            compress = 0;
            pieceIndex = 0;
        }
        while (i < to) {
            if (pieceIndex == 8) {
                return false;
            }
            if (value.charAt(i) == ':') {
                if (compress >= 0) {
                    return false;
                }
                i++;
                compress = pieceIndex;
                continue;
            }
            int number = 0;
            int digits = 0;
            while (i < to && digits < 4 && isLowerHex(value.charAt(i))) {
                number = number * 16 + Character.digit(value.charAt(i), 16);
                i++;
                digits++;
            }
            if (digits == 0) {
                return false;
            }
            pieces[pieceIndex++] = number;
            if (i < to) {
                if (value.charAt(i) != ':') {
                    return false;
                }
                i++;
                if (i == to) {
                    return false;
                }
            }
        }
        if (compress >= 0) {
            int moved = pieceIndex - compress;
            if (pieceIndex == 8) {
                return false;
            }
            for (int k = 0; k < moved; k++) {
                pieces[7 - k] = pieces[pieceIndex - 1 - k];
            }
            for (int k = compress; k < 8 - moved; k++) {
                pieces[k] = 0;
            }
        }
        else if (pieceIndex != 8) {
            return false;
        }
        return serializeIpv6(pieces).contentEquals(value.subSequence(from, to));
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    static String serializeIpv6(int[] pieces) {
        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8;) {
            if (pieces[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && pieces[k] == 0) {
                k++;
            }
            if (k - start > bestLength) {
                bestStart = start;
                bestLength = k - start;
            }
        }
        StringBuilder out = new StringBuilder(39);
        boolean ignore0 = false;
        for (int k = 0; k < 8; k++) {
            if (ignore0 && pieces[k] == 0) {
                continue;
            }
            ignore0 = false;
            if (k == bestStart) {
                out.append((k == 0) ? "::" : ":");
                ignore0 = true;
                continue;
            }
            out.append(Integer.toHexString(pieces[k]));
            if (k != 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    /**
     * Why a value is not a serialized http(s) origin, in words; {@code null} when it is one.
     */
    static String problem(String value) {
        if (value == null) {
            return "it is missing";
        }
        if (value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "it is longer than any origin can be (" + MAX_LENGTH + " characters)";
        }
        if (value.equals("null")) {
            return "\"null\" is the opaque origin of sandboxed documents, file: URLs and redirects, which any site"
                    + " can produce";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return "it contains whitespace, a control or a non-ASCII character (position " + i + ")";
            }
        }
        int schemeEnd = value.indexOf("://");
        if (schemeEnd < 0) {
            return "it has no scheme (write it as https://host or http://host:port)";
        }
        String scheme = value.substring(0, schemeEnd);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            if (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) {
                return "its scheme is not in lower case";
            }
            return "its scheme \"" + scheme + "\" is not http or https";
        }
        int hostStart = schemeEnd + 3;
        String rest = value.substring(hostStart);
        if (rest.isEmpty()) {
            return "it has no host";
        }
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at >= 0 && (slash < 0 || at < slash)) {
            return "it has user information before '@'; an origin is only scheme://host[:port]";
        }
        if (slash >= 0) {
            return (slash == rest.length() - 1) ? "it ends with a slash; an origin has no path"
                    : "it has a path; an origin is only scheme://host[:port]";
        }
        if (rest.indexOf('?') >= 0) {
            return "it has a query; an origin is only scheme://host[:port]";
        }
        if (rest.indexOf('#') >= 0) {
            return "it has a fragment; an origin is only scheme://host[:port]";
        }
        if (!rest.equals(rest.toLowerCase(java.util.Locale.ROOT))) {
            return "it is not in lower case (browsers serialize scheme and host in lower case)";
        }
        String host;
        String portPart = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return "its IPv6 address has no closing bracket";
            }
            host = rest.substring(0, close + 1);
            if (close + 1 < rest.length()) {
                if (rest.charAt(close + 1) != ':') {
                    return "unexpected characters after its IPv6 address";
                }
                portPart = rest.substring(close + 2);
            }
            if (!isCanonicalIpv6(host, 1, host.length() - 1)) {
                return "its IPv6 address is not written in canonical form (lower case, no leading zeros, longest"
                        + " zero run as ::)";
            }
        }
        else {
            int colon = rest.indexOf(':');
            host = (colon < 0) ? rest : rest.substring(0, colon);
            portPart = (colon < 0) ? null : rest.substring(colon + 1);
            if (host.isEmpty()) {
                return "it has no host";
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                    return "its host has the character '" + c
                            + "'; hosts are letters, digits, hyphens and dots (use punycode for international names)";
                }
            }
            if (host.endsWith(".")) {
                return "its host ends with a dot";
            }
            if (hostKind(host, 0, host.length()) < 0) {
                return "its host \"" + host + "\" is neither a valid domain name nor an IPv4 address in canonical"
                        + " form (labels of 1 to 63 characters, not starting or ending with a hyphen)";
            }
        }
        if (portPart != null) {
            int port = parsePort(portPart, 0, portPart.length());
            if (port <= 0) {
                return "its port \"" + portPart + "\" is not a number from 1 to 65535 without leading zeros";
            }
            if (port == (scheme.equals("https") ? 443 : 80)) {
                return "it spells out the default port :" + port + ", which browsers omit";
            }
        }
        return (parse(value) == INVALID) ? "it is not a serialized origin" : null;
    }

}
