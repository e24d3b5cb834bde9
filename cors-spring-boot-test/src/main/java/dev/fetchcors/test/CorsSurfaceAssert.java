package dev.fetchcors.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fetchcors.autoconfigure.surface.CorsSurface;
import dev.fetchcors.autoconfigure.surface.CorsSurfaceChanges;
import dev.fetchcors.autoconfigure.surface.CorsSurveyor;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

/**
 * Pins an application's CORS surface in a file kept in its repository: every route, the policy that applies, and
 * what each origin may do there (read, read with credentials, run without reading, open a socket), in the Markdown
 * {@link CorsSurface#toMarkdown()} writes. A change that widens what an origin may do fails the application's own
 * tests, in words, until someone accepts it by writing the file afresh; a narrowing says so too.
 *
 * <pre>{@code
 * @SpringBootTest
 * class CorsSurfaceTests {
 *
 *     @Autowired
 *     ApplicationContext context;
 *
 *     @Test
 *     void corsSurface() {
 *         assertThatCorsSurface(this.context).matchesFile("src/test/resources/cors-surface.md");
 *     }
 *
 * }
 * }</pre>
 *
 * <p>To accept a change, run the test once with {@code -Dfetchcors.surface.update=true} (or the environment variable
 * {@code FETCHCORS_SURFACE_UPDATE=true}): the file is written afresh and the test fails once more, saying so, so that
 * a build never passes on a file it wrote itself; commit the file with the change, where a reviewer sees its
 * difference. The number of origins an origin source holds is not in the file, so a tenant added changes nothing.
 */
public final class CorsSurfaceAssert extends AbstractAssert<CorsSurfaceAssert, CorsSurface> {

    /** The system property that writes the file afresh: {@value}. */
    public static final String UPDATE_PROPERTY = "fetchcors.surface.update";

    /** The environment variable that writes the file afresh: {@value}. */
    public static final String UPDATE_VARIABLE = "FETCHCORS_SURFACE_UPDATE";

    CorsSurfaceAssert(CorsSurface actual) {
        super(actual, CorsSurfaceAssert.class);
    }

    /** The surface of a running application, computed by its {@link CorsSurveyor}. */
    static CorsSurfaceAssert of(ApplicationContext context) {
        CorsSurveyor surveyor = context.getBeanProvider(CorsSurveyor.class).getIfAvailable();
        if (surveyor == null) {
            throw new AssertionError("The application has no CORS surface to compare: no CORS filter is registered"
                    + " (no origin is configured, or app.cors.enabled=false), or it is not a web application.");
        }
        return new CorsSurfaceAssert(surveyor.survey());
    }

    /**
     * The surface is the one the file states.
     *
     * @param file the file, relative to the directory the tests run in (the module's, under Maven and Gradle)
     * @return this
     */
    public CorsSurfaceAssert matchesFile(String file) {
        return matchesFile(Path.of(file));
    }

    /**
     * The surface is the one the file states. With {@value #UPDATE_PROPERTY} (or {@value #UPDATE_VARIABLE}) set to
     * {@code true}, a file that differs is written afresh, and the assertion fails saying so.
     *
     * @param file the file
     * @return this
     */
    public CorsSurfaceAssert matchesFile(Path file) {
        isNotNull();
        String markdown = this.actual.toMarkdown();
        String pinned = read(file);
        if (pinned != null && pinned.equals(markdown)) {
            return this;
        }
        if (isUpdate()) {
            write(file, markdown);
            String changes = (pinned != null) ? CorsSurfaceChanges.between(pinned, markdown).toString() : "";
            failWithMessage("%s", "Wrote the CORS surface afresh to " + file + ": review its difference and commit"
                    + " it with the change (the test passes once the file is the surface)."
                    + (changes.isEmpty() ? "" : "\n" + changes));
        }
        if (pinned == null) {
            failWithMessage("%s", "There is no CORS surface file at " + file + " (" + file.toAbsolutePath() + "): "
                    + writeAfresh() + "\n\n" + markdown);
        }
        CorsSurfaceChanges changes = CorsSurfaceChanges.between(pinned, markdown);
        if (changes.isEmpty()) {
            failWithMessage("%s", "The CORS surface is the one " + file + " states, but the file is not as this"
                    + " version writes it (its form or a description differs): " + writeAfresh());
        }
        failWithMessage("%s", "The CORS surface differs from " + file + ":\n" + changes + "\nIf the change is meant, "
                + writeAfresh());
        return this;
    }

    private static String writeAfresh() {
        return "write the file afresh (run the test with -D" + UPDATE_PROPERTY + "=true, or " + UPDATE_VARIABLE
                + "=true) and commit it with the change, for a reviewer to see.";
    }

    private static boolean isUpdate() {
        return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY))
                || Boolean.parseBoolean(System.getenv(UPDATE_VARIABLE));
    }

    /** The file's text with its line ends as written (a checkout may have turned them into CRLF), or null. */
    private static @Nullable String read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + file, ex);
        }
    }

    private static void write(Path file, String markdown) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write " + file, ex);
        }
    }

}
