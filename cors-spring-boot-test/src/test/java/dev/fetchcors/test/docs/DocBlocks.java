package dev.fetchcors.test.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced blocks of the project's Markdown documents, each with the marker on the line before it that says
 * where its content comes from: {@code <!-- snippet: path -->} for code copied from a test source (the path below
 * a test source root), {@code <!-- printed: id -->} for a message a test prints. The tests that run the code and
 * print the messages check the documents against them, so that the documents cannot drift.
 */
public final class DocBlocks {

    /** The documents whose blocks are checked, relative to the repository's root. */
    public static final List<String> DOCUMENTS = List.of("README.md", "docs/testing.md", "docs/migration.md",
            "docs/dynamic-origins.md", "docs/overriding-with-beans.md", "docs/per-path-policies.md", "docs/gateways.md",
            "docs/operations.md");

    private static final Pattern MARKER = Pattern.compile("^<!-- (snippet|printed): (\\S+) -->$");

    private DocBlocks() {
    }

    /** The repository's root, from this module's directory, where the tests run. */
    public static Path root() {
        Path module = Path.of("").toAbsolutePath();
        return Files.exists(module.resolve("README.md")) ? module : module.getParent();
    }

    /**
     * Every fenced block of a document, in order.
     *
     * @param document a path relative to the root
     * @return the blocks
     */
    public static List<Block> of(String document) throws IOException {
        List<String> lines = Files.readAllLines(root().resolve(document));
        List<Block> blocks = new ArrayList<>();
        String kind = null;
        String source = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                kind = marker.group(1);
                source = marker.group(2);
                continue;
            }
            if (line.startsWith("```")) {
                String language = line.substring(3).strip();
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                blocks.add(new Block(document, start, language, kind, source, lines.subList(start, end)));
                i = end;
            }
            kind = null;
            source = null;
        }
        return blocks;
    }

    /**
     * The blocks marked {@code printed}, by id, of every document.
     *
     * @return the blocks
     */
    public static Map<String, Block> printed() throws IOException {
        Map<String, Block> printed = new LinkedHashMap<>();
        for (String document : DOCUMENTS) {
            for (Block block : of(document)) {
                if ("printed".equals(block.kind())) {
                    printed.put(block.source(), block);
                }
            }
        }
        return printed;
    }

    /** Text with every run of white space as one space, for comparing wrapped prose. */
    public static String flow(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * A fenced block.
     *
     * @param document the document
     * @param line the line its content starts on, counted from 0
     * @param language the fence's language, possibly empty
     * @param kind {@code snippet}, {@code printed}, or {@code null} when unmarked
     * @param source the marker's path or id, or {@code null}
     * @param lines the content
     */
    public record Block(String document, int line, String language, String kind, String source, List<String> lines) {

        /** The content as one string. */
        public String text() {
            return String.join("\n", this.lines);
        }

        @Override
        public String toString() {
            return this.document + ":" + (this.line + 1);
        }

    }

}
