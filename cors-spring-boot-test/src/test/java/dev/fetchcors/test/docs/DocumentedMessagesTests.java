package dev.fetchcors.test.docs;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static dev.fetchcors.test.CorsAssertions.assertThatCors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Prints every message the documents show ({@code <!-- printed: id -->}) and compares it with the document's block,
 * white space aside: the failure of the documented policy test once {@code Content-Type} is dropped, an assertion's
 * failure, the startup report of a mistyped configuration, and the DEBUG line of a refused preflight.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentedMessagesTests {

    @Nested
    @DocsSlice
    @TestPropertySource(properties = "app.cors.allowed-headers=X-Request-Id")
    class WithoutContentType {

        @Autowired
        MockMvc mvc;

        @Test
        void theDocumentedPolicyTestSaysWhichPropertyToChange() throws IOException {
            CorsPolicyTests documented = new CorsPolicyTests();
            documented.mvc = this.mvc;
            AssertionError failure = catchThrowableOfType(AssertionError.class, documented::corsPolicy);
            assertThat(failure).isNotNull();
            assertDocumented(DocumentedMessages.TABLE_WITHOUT_CONTENT_TYPE, failure.toString());
        }

    }

    @Test
    void anAssertionSaysWhatTheBrowserWouldDoAndWhy() throws IOException {
        AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> assertThatCors(200, "Access-Control-Allow-Origin", "*")
                    .allowsOriginWithCredentials("https://app.example.com"));
        assertDocumented(DocumentedMessages.ASSERT_STAR_WITH_CREDENTIALS, failure.getMessage());
    }

    @Test
    void aMistypedConfigurationPrintsTheDocumentedReport(CapturedOutput output) throws IOException {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(DocsApplication.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off",
                    "spring.config.location=classpath:/startup-report/")
            .run()
            .close());
        String printed = output.toString();
        int start = printed.lastIndexOf("***************************");
        start = printed.lastIndexOf("***************************", start - 1);
        int end = printed.indexOf("CorsConfigCustomizer bean.", start) + "CorsConfigCustomizer bean.".length();
        assertDocumented(DocumentedMessages.STARTUP_REPORT, printed.substring(start, end));
    }

    @Nested
    @DocsSlice
    @TestPropertySource(properties = "logging.level.dev.fetchcors=debug")
    class AtDebug {

        @Autowired
        MockMvc mvc;

        @Test
        void aRefusedPreflightIsExplainedInOneLine(CapturedOutput output) throws Exception {
            this.mvc.perform(MockMvcRequestBuilders.options("/api/orders")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PUT"));
            String line = Arrays.stream(output.toString().split("\\R"))
                .filter((candidate) -> candidate.contains("Refused CORS PREFLIGHT OPTIONS /api/orders"))
                .reduce((first, last) -> last)
                .orElseThrow();
            assertDocumented(DocumentedMessages.DEBUG_LINE, withoutTimeAndThread(line, "DEBUG"));
        }

    }

    @Test
    void springsOwnCorsIsNamedBeforeAndAfterTheFirstOrigin(CapturedOutput output) throws IOException {
        // As arguments, over application.yml's origins: the first run has none.
        for (String origins : new String[] { "--app.cors.allowed-origins=",
                "--app.cors.allowed-origins=https://app.example.com" }) {
            new SpringApplicationBuilder(DocsApplication.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run(origins)
                .close();
        }
        List<String> warnings = Arrays.stream(output.toString().split("\\R"))
            .filter((line) -> line.contains("Spring's own CORS configuration is"))
            .toList();
        assertThat(warnings).hasSize(2);
        assertDocumented(DocumentedMessages.LEFTOVERS_BEFORE_ORIGINS, withoutTimeAndThread(warnings.get(0), "WARN"));
        assertDocumented(DocumentedMessages.LEFTOVERS_STILL_PRESENT, withoutTimeAndThread(warnings.get(1), "WARN"));
    }

    /** A log line as Boot's console pattern prints it, without the time, the process and the thread. */
    private static String withoutTimeAndThread(String line, String level) {
        int separator = line.indexOf(" : ");
        String[] before = line.substring(0, separator).strip().split("\\s+");
        assertThat(before).contains(level);
        return level + " " + before[before.length - 1] + line.substring(separator);
    }

    private static void assertDocumented(String id, String printed) throws IOException {
        DocBlocks.Block block = DocBlocks.printed().get(id);
        assertThat(block).as("the block <!-- printed: %s --> in %s", id, DocBlocks.DOCUMENTS).isNotNull();
        assertThat(DocBlocks.flow(block.text())).as("%s, which the test prints as:%n%s", block, printed)
            .isEqualTo(DocBlocks.flow(printed));
    }

}
