package dev.fetchcors.test.slice;

import java.util.List;

import dev.fetchcors.test.CorsPolicyTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The three mistakes a team makes in a policy, and what the kit must say of each: the property to change, in the
 * policy's own words. Each nested test of the slice tests breaks {@code application.yml} one way and checks the
 * message, whatever the client.
 */
final class BrokenPolicies {

    /** PUT dropped from allowed-methods. */
    static final String NO_PUT = "app.cors.allowed-methods=GET";

    /** The allowed origin misspelt. */
    static final String MISSPELT_ORIGIN = "app.cors.allowed-origins=https://app.exmaple.com";

    /** Content-Type dropped from allowed-headers. */
    static final String NO_CONTENT_TYPE = "app.cors.allowed-headers=X-Request-Id";

    private BrokenPolicies() {
    }

    /** The row every broken policy fails: a credentialed JSON PUT from the front end. */
    static CorsPolicyTable row(CorsPolicyTable table) {
        return table.allowsWithCredentials("/api/orders/1", List.of("https://app.example.com"), List.of("PUT"),
                "Content-Type: application/json");
    }

    /** The table fails, naming the property to change and why, as the policy says it. */
    static void assertFailsNaming(CorsPolicyTable table, String mistake) {
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> row(table).verify());
        assertThat(failure).as("the table passed").isNotNull();
        assertThat(failure.getMessage()).contains("the application's CORS policy 'default':")
            .contains(expected(mistake));
    }

    /** What each mistake's message must name. */
    static String[] expected(String mistake) {
        return switch (mistake) {
            case NO_PUT -> new String[] { "Method 'PUT' is not allowed: add it to allowed-methods" };
            case MISSPELT_ORIGIN -> new String[] { "Origin 'https://app.example.com' is not allowed",
                    "Add it to allowed-origins" };
            case NO_CONTENT_TYPE -> new String[] { "Request header 'content-type' is not allowed: add it to"
                    + " allowed-headers" };
            default -> throw new IllegalArgumentException(mistake);
        };
    }

}
