package dev.fetchcors.test.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block of the documents ({@link DocBlocks#DOCUMENTS}) is a copy of code this module's tests compile and
 * run ({@code <!-- snippet: path -->} names the file), line for line but for indentation; a printed message is
 * checked by the test that prints it ({@code DocumentedMessagesTests}).
 */
class DocumentationTests {

    /**
     * The test source roots snippets come from (Boot 4's imports are the ones the documents show), then the
     * repository's root, for a sample's configuration, which the sample's own tests start with.
     */
    private static final List<String> SOURCE_ROOTS = List.of("cors-spring-boot-test/src/test/java",
            "cors-spring-boot-test/src/test/boot4/java", "cors-spring-boot-test/src/test/resources", "");

    @Test
    void everyJavaBlockIsCodeATestRuns() throws IOException {
        List<DocBlocks.Block> checked = new ArrayList<>();
        for (String document : DocBlocks.DOCUMENTS) {
            for (DocBlocks.Block block : DocBlocks.of(document)) {
                if (!block.language().equals("java")) {
                    continue;
                }
                assertThat(block.kind()).as("%s: a Java block without <!-- snippet: path --> before it", block)
                    .isEqualTo("snippet");
                List<String> source = meaningful(Files.readAllLines(sourceOf(block)));
                List<String> snippet = meaningful(block.lines());
                assertThat(containsInOrder(source, snippet)).as("%s is not, line for line, in %s:%n%s", block,
                        block.source(), String.join("\n", snippet)).isTrue();
                checked.add(block);
            }
        }
        assertThat(checked).as("Java blocks checked").hasSizeGreaterThanOrEqualTo(3);
    }

    /** A block of another language marked as a snippet (a configuration a test starts with) is checked too. */
    @Test
    void everyOtherMarkedSnippetIsInTheFileATestUses() throws IOException {
        List<DocBlocks.Block> checked = new ArrayList<>();
        for (String document : DocBlocks.DOCUMENTS) {
            for (DocBlocks.Block block : DocBlocks.of(document)) {
                if (block.language().equals("java") || !"snippet".equals(block.kind())) {
                    continue;
                }
                List<String> source = meaningful(Files.readAllLines(sourceOf(block)));
                List<String> snippet = meaningful(block.lines());
                assertThat(containsInOrder(source, snippet)).as("%s is not, line for line, in %s:%n%s", block,
                        block.source(), String.join("\n", snippet)).isTrue();
                checked.add(block);
            }
        }
        assertThat(checked).as("configuration blocks checked").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyPrintedBlockHasATestThatPrintsIt() throws IOException {
        assertThat(DocBlocks.printed().keySet()).containsExactlyInAnyOrderElementsOf(
                DocumentedMessages.IDS);
    }

    private static Path sourceOf(DocBlocks.Block block) {
        for (String root : SOURCE_ROOTS) {
            Path candidate = DocBlocks.root().resolve(root).resolve(block.source());
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(block + ": no test source " + block.source() + " under " + SOURCE_ROOTS);
    }

    /** The lines without their indentation, blank lines and the package line left out. */
    private static List<String> meaningful(List<String> lines) {
        return lines.stream()
            .map(String::strip)
            .filter((line) -> !line.isEmpty() && !line.startsWith("package "))
            .toList();
    }

    /** Whether the snippet's lines stand, in one run, in the source. */
    private static boolean containsInOrder(List<String> source, List<String> snippet) {
        if (snippet.isEmpty()) {
            return false;
        }
        for (int start = 0; start + snippet.size() <= source.size(); start++) {
            if (source.subList(start, start + snippet.size()).equals(snippet)) {
                return true;
            }
        }
        return false;
    }

}
