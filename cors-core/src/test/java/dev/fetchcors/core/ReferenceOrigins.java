package dev.fetchcors.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A deliberately simple, slow reading of the contract's origin rules, sharing no code with the engine: the JDK's
 * URI and address parsers, regular expressions and a linear scan over patterns. The property tests hold the
 * optimized engine to it.
 */
final class ReferenceOrigins {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

    private ReferenceOrigins() {
    }

    /** A parsed origin: scheme, host as written ({@code [::1]} for IPv6), port or -1 for the default. */
    record Origin(String scheme, String host, int port, boolean domain) {
    }

    /** The origin, or {@code null} when the value is not a serialized http(s) origin. */
    static Origin parse(String value) {
        URI uri;
        try {
            uri = new URI(value);
        }
        catch (URISyntaxException ex) {
            return null;
        }
        String scheme = uri.getScheme();
        String authority = uri.getRawAuthority();
        if (scheme == null || authority == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return null;
        }
        // URI (RFC 2396) leaves the host null for names such as 1.2.3.4x that the URL standard reads as domains,
        // so the authority is split here.
        String host = authority;
        String portText = null;
        int colon = authority.lastIndexOf(':');
        if (colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            portText = authority.substring(colon + 1);
        }
        int port = -1;
        if (portText != null) {
            if (!portText.matches("[1-9][0-9]{0,4}")) {
                return null;
            }
            port = Integer.parseInt(portText);
        }
        String rebuilt = scheme + "://" + host + ((port >= 0) ? ":" + port : "");
        // Anything the URI parser tolerated (path, query, fragment, userinfo) shows here.
        if (!rebuilt.equals(value) || host.isEmpty()) {
            return null;
        }
        if (port > 65535 || port == (scheme.equals("https") ? 443 : 80)) {
            return null;
        }
        boolean domain;
        if (host.startsWith("[") && host.endsWith("]")) {
            if (!isCanonicalIpv6(host.substring(1, host.length() - 1))) {
                return null;
            }
            domain = false;
        }
        else {
            String[] labels = host.split("\\.", -1);
            if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
                if (!isCanonicalIpv4(labels)) {
                    return null;
                }
                domain = false;
            }
            else {
                if (host.length() > 253) {
                    return null;
                }
                for (String label : labels) {
                    if (!LABEL.matcher(label).matches()) {
                        return null;
                    }
                }
                domain = true;
            }
        }
        return new Origin(scheme, host, (port >= 0) ? port : -1, domain);
    }

    private static boolean isCanonicalIpv4(String[] parts) {
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255
                    || !String.valueOf(Integer.parseInt(part)).equals(part)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCanonicalIpv6(String address) {
        if (!address.matches("[0-9a-f:]{2,39}")) {
            return false;
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName("[" + address + "]");
        }
        catch (Exception ex) {
            return false;
        }
        byte[] bytes = parsed.getAddress();
        if (!(parsed instanceof Inet6Address)) {
            // The JDK turns IPv4-mapped addresses (::ffff:a.b.c.d) into Inet4Address; the URL standard keeps them
            // IPv6 and writes them in hex (::ffff:a0b:c0d), so rebuild the 16 bytes.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return serializeIpv6(bytes).equals(address);
    }

    /** RFC 5952 / URL standard: lower-case hex, no leading zeros, the first longest run of 2+ zeros as "::". */
    static String serializeIpv6(byte[] bytes) {
        int[] pieces = new int[8];
        for (int i = 0; i < 8; i++) {
            pieces[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && pieces[start + length] == 0) {
                length++;
            }
            if (length >= 2 && length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(pieces[i]));
        }
        return out.toString();
    }

    /** Whether a list of configured origins ({@code *}, exact, {@code *.} and {@code :*} patterns) allows a value. */
    static boolean allows(List<String> configured, String value) {
        if (configured.contains("*")) {
            return true;
        }
        Origin origin = parse(value);
        if (origin == null) {
            return false;
        }
        for (String entry : configured) {
            if (entry.equals(value)) {
                return true;
            }
            String scheme = entry.substring(0, entry.indexOf("://"));
            String rest = entry.substring(scheme.length() + 3);
            boolean anyPort = rest.endsWith(":*");
            if (anyPort) {
                rest = rest.substring(0, rest.length() - 2);
            }
            int port = -1;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf(']')) {
                port = Integer.parseInt(rest.substring(colon + 1));
                rest = rest.substring(0, colon);
            }
            boolean subdomains = rest.startsWith("*.");
            String host = subdomains ? rest.substring(2) : rest;
            boolean hostMatches = subdomains
                    ? origin.domain() && origin.host().endsWith("." + host)
                    : origin.host().equals(host);
            boolean portMatches = anyPort || port == origin.port();
            if (scheme.equals(origin.scheme()) && hostMatches && portMatches) {
                return true;
            }
        }
        return false;
    }

}
