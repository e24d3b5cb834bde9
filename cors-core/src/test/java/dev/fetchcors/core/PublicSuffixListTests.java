package dev.fetchcors.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicSuffixListTests {

    private final PublicSuffixList list = PublicSuffixList.get();

    @Test
    void theBundledListIsLoadedWhole() {
        assertThat(this.list.size()).isGreaterThan(9000);
    }

    @Test
    void theBundledListIsA2026CopyAndSaysSo() {
        assertThat(this.list.version()).matches("20(2[6-9]|[3-9]\\d)-\\d\\d-\\d\\d_.*");
        assertThat(CorsPolicy.publicSuffixListVersion()).isEqualTo(this.list.version());
    }

    @Test
    void icannAndPrivateSuffixesArePublic() {
        assertThat(this.list.isPublicSuffix("com")).isTrue();
        assertThat(this.list.isPublicSuffix("co.uk")).isTrue();
        assertThat(this.list.isPublicSuffix("github.io")).isTrue();
        assertThat(this.list.isPublicSuffix("herokuapp.com")).isTrue();
        // Internationalized rules are held in punycode, the form origins use.
        assertThat(this.list.isPublicSuffix("xn--p1ai")).isTrue();
    }

    @Test
    void wildcardAndExceptionRules() {
        // *.ck and !www.ck
        assertThat(this.list.isPublicSuffix("anything.ck")).isTrue();
        assertThat(this.list.isPublicSuffix("www.ck")).isFalse();
    }

    @Test
    void registrableDomainsAreNot() {
        assertThat(this.list.isPublicSuffix("example.com")).isFalse();
        assertThat(this.list.isPublicSuffix("example.co.uk")).isFalse();
        assertThat(this.list.isPublicSuffix("octocat.github.io")).isFalse();
        // A single label is a public suffix by the list's implicit '*' rule.
        assertThat(this.list.isPublicSuffix("internal")).isTrue();
    }

    @Test
    void theListShipsWithItsMplNotice() throws IOException {
        String notice = resource("PUBLIC_SUFFIX_LIST_NOTICE.txt");
        assertThat(notice).contains("Mozilla Public License, v. 2.0", "https://mozilla.org/MPL/2.0/",
                "public_suffix_list.dat", "https://publicsuffix.org/");
        String list = resource("public_suffix_list.dat");
        assertThat(list).startsWith("// This Source Code Form is subject to the terms of the Mozilla Public");
        assertThat(list).contains("===BEGIN ICANN DOMAINS===", "===BEGIN PRIVATE DOMAINS===");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
