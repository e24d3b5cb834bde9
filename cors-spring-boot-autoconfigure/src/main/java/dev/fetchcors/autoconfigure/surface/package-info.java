/**
 * The CORS surface: every route the application's routers know, the policy that applies to each, and what a page on
 * another origin may do there, computed from the running application by
 * {@link dev.fetchcors.autoconfigure.surface.CorsSurveyor} with the CORS filter's own judge, shown by the actuator's
 * {@code cors} endpoint ({@code /actuator/cors/surface}), written as Markdown for a repository
 * ({@link dev.fetchcors.autoconfigure.surface.CorsSurface#toMarkdown()}) and compared in words
 * ({@link dev.fetchcors.autoconfigure.surface.CorsSurfaceChanges}); the test kit pins it in a file.
 */
@NullMarked
package dev.fetchcors.autoconfigure.surface;

import org.jspecify.annotations.NullMarked;
