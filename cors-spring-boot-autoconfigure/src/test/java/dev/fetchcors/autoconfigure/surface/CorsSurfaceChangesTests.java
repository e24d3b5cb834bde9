package dev.fetchcors.autoconfigure.surface;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes between two surfaces' Markdown, in words, read from tables as the surface writes them. */
class CorsSurfaceChangesTests {

    private static final String BEFORE = """
            # CORS surface

            ## Policies

            | policy | mode | path-patterns | allowed-origins | allow-credentials | allowed-methods | allowed-headers | exposed-headers | send-only-origins | cross-origin-protection | allow-private-network | websocket-handshakes |
            |---|---|---|---|---|---|---|---|---|---|---|---|
            | default | enforce | — | `https://app.example.com` | false | PUT | Content-Type | — | — | true | false | true |
            | legacy | shadow | `/legacy/**` | `https://old.example` | false | — | — | — | — | true | false | true |

            ## Routes

            | route | methods | served by | policy | selected by |
            |---|---|---|---|---|
            | `/api/a\\|b` | GET | annotated controller | default | default |
            | `/legacy/report` | GET | annotated controller | legacy | path-patterns `/legacy/**` |

            ## By origin

            ### `https://app.example.com`

            | route | policy | reads | reads with credentials | runs without reading | opens a socket |
            |---|---|---|---|---|---|
            | `/api/a\\|b` | default | GET | — | — | — |

            ### any other origin

            Nothing.
            """;

    @Test
    void theSameSurfaceHasNoChange() {
        assertThat(CorsSurfaceChanges.between(BEFORE, BEFORE).isEmpty()).isTrue();
        assertThat(CorsSurfaceChanges.between(BEFORE, BEFORE)).hasToString("");
    }

    @Test
    void settingsThatWidenAndNarrowAreSaidApartFromTheOthers() {
        String after = BEFORE
            .replace("| default | enforce | — | `https://app.example.com` | false | PUT | Content-Type | — | — | true |",
                    "| default | enforce | — | `https://app.example.com`, from source 'jdbc' | true | PUT | — | — | — |"
                            + " false |")
            .replace("| legacy | shadow |", "| legacy | enforce |");
        CorsSurfaceChanges changes = CorsSurfaceChanges.between(BEFORE, after);
        assertThat(changes.widenings()).containsExactly("policy 'default': allowed-origins now include from source"
                + " 'jdbc'", "policy 'default': allow-credentials is now true (was false)",
                "policy 'default': cross-origin-protection is now false (was true)");
        assertThat(changes.narrowings()).containsExactly("policy 'default': allowed-headers no longer include"
                + " Content-Type");
        assertThat(changes.others()).containsExactly("policy 'legacy': mode is now enforce (was shadow)");
    }

    @Test
    void readingWithCredentialsWhereAnOriginCouldReadWithoutIsAWidening() {
        String after = BEFORE.replace("| `/api/a\\|b` | default | GET | — | — | — |",
                "| `/api/a\\|b` | default | GET | GET | — | — |");
        assertThat(CorsSurfaceChanges.between(BEFORE, after).widenings()).containsExactly(
                "https://app.example.com can now read GET /api/a|b with credentials, which it could read without"
                        + " (policy 'default')");
        assertThat(CorsSurfaceChanges.between(after, BEFORE).narrowings()).containsExactly(
                "https://app.example.com can no longer read GET /api/a|b with credentials, though it may still read"
                        + " it without (policy 'default')");
    }

    @Test
    void anyOtherOriginRunningRequestsWhereNoPolicyCoversThemIsAWidening() {
        String after = BEFORE.replace("| `/legacy/report` | GET | annotated controller | legacy |"
                + " path-patterns `/legacy/**` |", "| `/legacy/report` | GET | annotated controller | none | no policy |")
            .replace("### any other origin\n\nNothing.\n", """
                    ### any other origin

                    | route | policy | reads | reads with credentials | runs without reading | opens a socket |
                    |---|---|---|---|---|---|
                    | `/legacy/report` | none | — | — | GET | — |
                    """);
        CorsSurfaceChanges changes = CorsSurfaceChanges.between(BEFORE, after);
        assertThat(changes.widenings()).containsExactly("any other origin can now make the application run GET"
                + " /legacy/report without reading the answer (no policy covers it)");
        assertThat(changes.others()).containsExactly("route /legacy/report now falls under no policy",
                "route /legacy/report no longer falls under policy 'legacy'");
    }

    @Test
    void aFileWithoutASurfaceSaysSo() {
        CorsSurfaceChanges changes = CorsSurfaceChanges.between("# Notes\n", BEFORE);
        assertThat(changes.others()).first().isEqualTo("the file holds no CORS surface (no table of policies,"
                + " routes or origins)");
        assertThat(changes.toString()).startsWith("Wider (1):\n - https://app.example.com can now read GET /api/a|b"
                + " without credentials (policy 'default')");
    }

}
