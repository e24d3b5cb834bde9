package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized lists of requested header names (case, whitespace, empty elements, several lines, sizes around the
 * limits), checked against {@link ReferenceRequestHeaders}.
 */
class RequestHeadersPropertyTests {

    private static final String[] NAMES = { "content-type", "Content-Type", "X-REQUEST-ID", "x-request-id",
            "authorization", "Authorization", "x-other", "x request", "x-r\u00e9", "x:y", "*", "x-a", "x-b" };

    private static final String[] SEPARATORS = { ",", ", ", " ,", ",\t", ",,", ", ,", "\t,\t", " " };

    static final CorsConfig LISTED = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .allowedHeaders("Content-Type", "X-Request-Id", "x-a")
        .build();

    static final CorsConfig ANY_CREDENTIALED = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .allowedHeaders("*", "X-Request-Id")
        .allowCredentials(true)
        .build();

    @Test
    void scanningAgreesWithTheReference() {
        CorsPolicy listed = CorsPolicy.compile(LISTED);
        CorsPolicy any = CorsPolicy.compile(ANY_CREDENTIALED);
        OriginPropertyTests.withSeed((random) -> {
            for (int i = 0; i < 20_000; i++) {
                List<String> lines = randomLines(random);
                check(listed, lines, Set.of("content-type", "x-request-id", "x-a"), false);
                check(any, lines, Set.of("x-request-id"), true);
            }
        });
    }

    @Test
    void browserLinesAgreeWithTheReference() {
        // The policy allows the lines a browser sends for its listed headers without scanning them: a line that is
        // nearly one (in another case or order, with a repeat, whitespace, an empty element or an unlisted name) or
        // that is followed by a second line must still get what the scan gives.
        CorsPolicy listed = CorsPolicy.compile(LISTED);
        OriginPropertyTests.withSeed((random) -> {
            for (int i = 0; i < 20_000; i++) {
                check(listed, browserLike(random), Set.of("content-type", "x-request-id", "x-a"), false);
            }
        });
    }

    static List<String> browserLike(Random random) {
        List<String> names = new ArrayList<>();
        for (String name : new String[] { "content-type", "x-a", "x-request-id" }) {
            if (random.nextBoolean()) {
                names.add(name);
            }
        }
        if (names.isEmpty() || random.nextInt(10) == 0) {
            names.add(NAMES[random.nextInt(NAMES.length)]);
        }
        String line = String.join(",", names);
        line = switch (random.nextInt(10)) {
            case 0 -> String.join(",", reversed(names));
            case 1 -> line.toUpperCase(Locale.ROOT);
            case 2 -> line + "," + names.get(0);
            case 3 -> String.join(", ", names);
            case 4 -> line + ",";
            case 5 -> line.substring(0, line.length() - 1) + "\u00e9";
            case 6 -> line.substring(1);
            default -> line;
        };
        List<String> lines = new ArrayList<>(List.of(line));
        if (random.nextInt(6) == 0) {
            lines.add(random.nextBoolean() ? "x-b" : "x-a");
        }
        return lines;
    }

    private static List<String> reversed(List<String> names) {
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        return reversed;
    }

    static void check(CorsPolicy policy, List<String> lines, Set<String> allowed, boolean any) {
        Set<String> expected = ReferenceRequestHeaders.allowedNames(lines, allowed, any);
        List<String> request = new ArrayList<>(List.of("Origin", "https://example.org",
                "Access-Control-Request-Method", "GET"));
        for (String line : lines) {
            request.add("Access-Control-Request-Headers");
            request.add(line);
        }
        CorsDecision decision = policy.evaluate(TestRequest.of("OPTIONS", request.toArray(new String[0])));
        String shown = lines.size() + " lines: " + CorsCases.printable(String.join(" | ", lines));
        if (expected == null) {
            assertThat(decision.refusal()).as(shown).isEqualTo(CorsDecision.Refusal.HEADERS);
            return;
        }
        assertThat(decision.isAllowed()).as(shown).isTrue();
        String allowHeaders = decision.headers().get("Access-Control-Allow-Headers");
        if (expected.isEmpty()) {
            assertThat(allowHeaders).as(shown).isNull();
        }
        else if (any) {
            // With credentials '*' is literal: the requested names are echoed.
            assertThat(allowHeaders).as(shown).isEqualTo(String.join(",", expected));
        }
        else {
            assertThat(allowHeaders).as(shown).isEqualTo("content-type,x-request-id,x-a");
        }
    }

    static List<String> randomLines(Random random) {
        List<String> lines = new ArrayList<>();
        int lineCount = (random.nextInt(10) == 0) ? random.nextInt(300) : 1 + random.nextInt(3);
        // Sizes cluster around the limits: 16 empty elements, 128 names, 4096 bytes.
        int target = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(4);
            case 1 -> 120 + random.nextInt(16);
            case 2 -> random.nextInt(40);
            default -> random.nextInt(600);
        };
        for (int l = 0; l < lineCount; l++) {
            StringBuilder line = new StringBuilder();
            int elements = (lineCount == 1) ? target : random.nextInt(1 + target / Math.max(1, lineCount) + 2);
            for (int e = 0; e < elements; e++) {
                if (e > 0) {
                    line.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                }
                int pick = random.nextInt(20);
                // Mostly names both policies allow, so that the limits rather than a bad name decide.
                line.append((pick < 15) ? NAMES[random.nextInt(3)] : NAMES[random.nextInt(NAMES.length)]);
            }
            if (random.nextInt(8) == 0) {
                line.append(" ".repeat(random.nextInt(5000)));
            }
            if (random.nextInt(8) == 0) {
                line.append(",".repeat(random.nextInt(30)));
            }
            lines.add(line.toString());
        }
        return lines;
    }

}
