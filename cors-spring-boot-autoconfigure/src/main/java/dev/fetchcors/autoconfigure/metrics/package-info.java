/**
 * Micrometer metrics for CORS decisions: the {@code cors.decisions} counter and its auto-configuration.
 */
@NullMarked
package dev.fetchcors.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
