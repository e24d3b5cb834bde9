package dev.fetchcors.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Byte-level helpers for HTTP tokens and comma-separated lists (RFC 9110, section 5.6). */
final class HttpLists {

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpLists() {
    }

    static boolean isTchar(char c) {
        return c < 128 && TCHAR[c];
    }

    /** RFC 9110 {@code token}: one or more tchar. */
    static boolean isToken(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTchar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    static char toLower(char c) {
        return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
    }

    /**
     * Whether {@code source[from, to)} is {@code lower} but for ASCII case (Fetch: "byte-case-insensitive", so that a
     * dotless 'ı' or the Kelvin sign is no letter of {@code lower}); allocates nothing.
     *
     * @param lower the expected value, in lower case
     */
    static boolean isLowerAsciiOf(String source, int from, int to, String lower) {
        if (to - from != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if (toLower(source.charAt(from + i)) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String toLowerAscii(String value) {
        return shiftAscii(value, 'A', 'Z', 32);
    }

    static String toUpperAscii(String value) {
        return shiftAscii(value, 'a', 'z', -32);
    }

    /** ASCII-only case mapping (Fetch: "byte-lowercase"), returning {@code value} itself when nothing changes. */
    private static String shiftAscii(String value, char first, char last, int shift) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= first && c <= last) {
                char[] chars = value.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= first && chars[j] <= last) {
                        chars[j] = (char) (chars[j] + shift);
                    }
                }
                return new String(chars);
            }
        }
        return value;
    }

    /** Whether a comma-separated list holds {@code token}, compared case-insensitively. */
    static boolean containsToken(String list, String token) {
        return containsToken(list, token, 0, token.length(), false);
    }

    /**
     * Merges comma-separated tokens into the lines of a list header ({@code Vary}), tokens compared
     * case-insensitively and {@code *} covering everything: the one merger behind
     * {@link CorsDecision#mergeVary(Iterable, String)} and {@link CorsHeaders#oneVaryLine(Iterable, String)}.
     *
     * @param lines the header's lines, possibly {@code null}, blank or {@code null} elements ignored
     * @param tokens the tokens to add, or {@code null}
     * @param oneLine {@code false} to keep the lines' text as it is and append only the missing tokens, answering
     *        {@code null} when none is missing; {@code true} to answer one line holding every token once, in the
     *        order met, or {@code *} alone, and {@code null} only when there is no token at all
     * @return the value to set, or {@code null} as described
     */
    static String mergeTokens(Iterable<String> lines, String tokens, boolean oneLine) {
        if (!oneLine && (tokens == null || tokens.isBlank())) {
            return null;
        }
        StringBuilder merged = null;
        Map<String, String> distinct = oneLine ? new LinkedHashMap<>() : null;
        if (lines != null) {
            for (Iterator<String> it = lines.iterator(); it.hasNext();) {
                String line = it.next();
                if (line == null || line.isBlank()) {
                    continue;
                }
                if (oneLine) {
                    addTokens(line, distinct);
                }
                else {
                    merged = (merged == null) ? new StringBuilder(line.strip())
                            : merged.append(", ").append(line.strip());
                }
            }
        }
        if (oneLine) {
            addTokens(tokens, distinct);
            if (distinct.containsKey("*")) {
                return "*";
            }
            return distinct.isEmpty() ? null : String.join(", ", distinct.values());
        }
        if (merged == null) {
            return tokens;
        }
        String current = merged.toString();
        if (containsToken(current, "*")) {
            return null;
        }
        boolean changed = false;
        int start = 0;
        while (start < tokens.length()) {
            int comma = tokens.indexOf(',', start);
            int end = (comma < 0) ? tokens.length() : comma;
            String token = tokens.substring(start, end).strip();
            if (!token.isEmpty() && !containsToken(current, token)) {
                merged.append(", ").append(token);
                current = merged.toString();
                changed = true;
            }
            start = end + 1;
        }
        return changed ? current : null;
    }

    private static void addTokens(String list, Map<String, String> distinct) {
        if (list == null) {
            return;
        }
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = (comma < 0) ? list.length() : comma;
            String token = list.substring(start, end).strip();
            if (!token.isEmpty()) {
                distinct.putIfAbsent(toLowerAscii(token), token);
            }
            start = end + 1;
        }
    }

    /**
     * Whether a comma-separated list holds the token {@code source[from, to)}, compared case-insensitively, or
     * case-sensitively with {@code exact} (methods); allocates nothing.
     */
    static boolean containsToken(String list, String source, int from, int to, boolean exact) {
        int length = list.length();
        int tokenLength = to - from;
        int start = 0;
        while (start <= length) {
            int comma = list.indexOf(',', start);
            int end = (comma < 0) ? length : comma;
            int a = skipOws(list, start, end);
            int b = trimOws(list, a, end);
            if (b - a == tokenLength && list.regionMatches(!exact, a, source, from, tokenLength)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    /**
     * Whether every token of one comma-separated list is in the other, case-insensitively: the two name the same
     * set. {@code null} is the empty list. Allocates nothing.
     */
    static boolean sameTokens(String one, String other) {
        return coveredBy(one, other) && coveredBy(other, one);
    }

    private static boolean coveredBy(String list, String by) {
        if (list == null) {
            return true;
        }
        int length = list.length();
        int start = 0;
        while (start <= length) {
            int comma = list.indexOf(',', start);
            int end = (comma < 0) ? length : comma;
            int a = skipOws(list, start, end);
            int b = trimOws(list, a, end);
            if (a < b && (by == null || !containsToken(by, list, a, b, false))) {
                return false;
            }
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
        return true;
    }

    /** The first index in {@code [from, to)} that is not optional whitespace, or {@code to}. */
    static int skipOws(String list, int from, int to) {
        while (from < to && isOws(list.charAt(from))) {
            from++;
        }
        return from;
    }

    /** The end of {@code [from, to)} without the optional whitespace it ends with. */
    static int trimOws(String list, int from, int to) {
        while (to > from && isOws(list.charAt(to - 1))) {
            to--;
        }
        return to;
    }

}
