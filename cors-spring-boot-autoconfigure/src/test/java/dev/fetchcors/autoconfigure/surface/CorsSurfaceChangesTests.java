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

    /**
     * A route listed under several policies (the static resources' {@code /**} beside a per-path policy) has a row
     * per policy in an origin's table: an origin that gains both rows gets a sentence for each.
     */
    @Test
    void aRouteUnderTwoPoliciesIsComparedPolicyByPolicy() {
        String before = """
                ## Routes

                | route | methods | served by | policy | selected by |
                |---|---|---|---|---|
                | `/**` | GET, HEAD | static resources | default | default, for `/1` |
                | `/**` | GET, HEAD | static resources | callback | path-patterns `/login/callback`, for `/login/callback` |

                ## By origin

                ### any other origin

                Nothing.
                """;
        String after = before + """

                ### `https://*.example.com`

                | route | policy | reads | reads with credentials | runs without reading | opens a socket |
                |---|---|---|---|---|---|
                | `/**` | default | GET, HEAD | GET, HEAD | — | — |
                | `/**` | callback | GET, HEAD | GET, HEAD | — | — |
                """;
        assertThat(CorsSurfaceChanges.between(before, after).widenings())
            .filteredOn((sentence) -> sentence.startsWith("origins matching https://*.example.com can now read GET /**"))
            .hasSize(2)
            .anySatisfy((sentence) -> assertThat(sentence).contains("(policy 'default'"))
            .anySatisfy((sentence) -> assertThat(sentence).contains("(policy 'callback'"));
        assertThat(CorsSurfaceChanges.between(after, before).narrowings()).hasSize(4);
    }

    /**
     * The widenings come origin by origin, then policy by policy as the file lists them, and in each the riskiest
     * first: reads with credentials, then requests that run without reading and methods that change something, then
     * plain reads.
     */
    @Test
    void wideningsAreGroupedByOriginThenPolicyRiskiestFirst() {
        String routes = """
                | `/a` | GET, POST, PUT | annotated controller | default | default |
                | `/b` | GET | annotated controller | default | default |
                | `/legacy/x` | GET | annotated controller | legacy | path-patterns `/legacy/**` |
                """;
        String before = BEFORE.replace("| `/legacy/report` |", routes + "| `/legacy/report` |");
        String after = before.replace("### any other origin", """
                ### `https://b.example`

                | route | policy | reads | reads with credentials | runs without reading | opens a socket |
                |---|---|---|---|---|---|
                | `/a` | default | GET | — | — | — |

                ### `https://a.example`

                | route | policy | reads | reads with credentials | runs without reading | opens a socket |
                |---|---|---|---|---|---|
                | `/a` | default | GET, PUT | — | POST | — |
                | `/b` | default | GET | GET | — | — |
                | `/legacy/x` | legacy | GET | GET | — | — |

                ### any other origin""");
        assertThat(CorsSurfaceChanges.between(before, after).widenings()).containsExactly(
                "https://b.example can now read GET /a without credentials (policy 'default')",
                "https://a.example can now read GET /b with credentials (policy 'default')",
                "https://a.example can now make the application run POST /a without reading the answer (policy"
                        + " 'default')",
                "https://a.example can now read PUT /a without credentials (policy 'default')",
                "https://a.example can now read GET /a without credentials (policy 'default')",
                "https://a.example can now read GET /legacy/x with credentials (policy 'legacy')");
    }

    /**
     * Running without reading comes of a send-only origin added, or of cross-origin protection turned off: each is
     * named where it is the cause, and only there.
     */
    @Test
    void aSendOnlyOriginAndCrossOriginProtectionTurnedOffAreNamedAsCauses() {
        String before = BEFORE.replace("### any other origin", """
                ### `https://idp.example`

                Nothing.

                ### any other origin""");
        String after = before
            .replace("| default | enforce | — | `https://app.example.com` | false | PUT | Content-Type | — | — | true |",
                    "| default | enforce | — | `https://app.example.com` | false | PUT | Content-Type | — |"
                            + " `https://idp.example` | true |")
            .replace("| legacy | shadow | `/legacy/**` | `https://old.example` | false | — | — | — | — | true |",
                    "| legacy | shadow | `/legacy/**` | `https://old.example` | false | — | — | — | — | false |")
            .replace("### `https://idp.example`\n\nNothing.\n", """
                    ### `https://idp.example`

                    | route | policy | reads | reads with credentials | runs without reading | opens a socket |
                    |---|---|---|---|---|---|
                    | `/api/a\\|b` | default | — | — | GET | — |
                    | `/legacy/report` | legacy | — | — | GET | — |
                    """);
        assertThat(CorsSurfaceChanges.between(before, after).widenings()).startsWith(
                "https://idp.example can now make the application run GET /api/a|b without reading the answer"
                        + " (policy 'default', added by send-only-origins https://idp.example)",
                "https://idp.example can now make the application run GET /legacy/report without reading the answer"
                        + " (policy 'legacy', added by cross-origin-protection false)");
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
