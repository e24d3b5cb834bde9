package dev.fetchcors.core;

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
        int start = 0;
        int length = list.length();
        while (start <= length) {
            int comma = list.indexOf(',', start);
            int end = (comma < 0) ? length : comma;
            int from = start;
            int to = end;
            while (from < to && isOws(list.charAt(from))) {
                from++;
            }
            while (to > from && isOws(list.charAt(to - 1))) {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

}
