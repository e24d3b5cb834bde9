package dev.fetchcors.core;

import java.util.Arrays;

/**
 * An immutable open-addressing hash table from strings to values that is queried with a region of another string,
 * so that lookups of host suffixes and header names allocate nothing. The hash is {@link String#hashCode()}'s
 * polynomial, which lets callers compute the hashes of every suffix of a host in one right-to-left pass.
 * With {@code foldCase}, keys are stored in lower case and regions are lower-cased (ASCII) while hashing and
 * comparing.
 */
final class RegionTable<V> {

    private final String[] keys;

    private final Object[] values;

    private final int mask;

    private final boolean foldCase;

    private final int size;

    RegionTable(String[] keys, V[] values, boolean foldCase) {
        int capacity = Integer.highestOneBit(Math.max(4, keys.length * 2 + 1) - 1) << 1;
        this.keys = new String[capacity];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
        this.foldCase = foldCase;
        int count = 0;
        for (int k = 0; k < keys.length; k++) {
            String key = foldCase ? HttpLists.toLowerAscii(keys[k]) : keys[k];
            int slot = spread(key.hashCode()) & this.mask;
            while (this.keys[slot] != null && !this.keys[slot].equals(key)) {
                slot = (slot + 1) & this.mask;
            }
            if (this.keys[slot] == null) {
                count++;
            }
            this.keys[slot] = key;
            this.values[slot] = values[k];
        }
        this.size = count;
    }

    int size() {
        return this.size;
    }

    /** {@link String#hashCode()} of {@code s[from, to)}, lower-cased first when folding case. */
    int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            h = 31 * h + (this.foldCase ? HttpLists.toLower(c) : c);
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    V get(String s, int from, int to, int hash) {
        int length = to - from;
        int slot = spread(hash) & this.mask;
        String key;
        while ((key = this.keys[slot]) != null) {
            if (key.length() == length && key.regionMatches(this.foldCase, 0, s, from, length)) {
                return (V) this.values[slot];
            }
            slot = (slot + 1) & this.mask;
        }
        return null;
    }

    V get(String s, int from, int to) {
        return get(s, from, to, hash(s, from, to));
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return Arrays.stream(this.keys).filter((k) -> k != null).sorted().toList().toString();
    }

}
