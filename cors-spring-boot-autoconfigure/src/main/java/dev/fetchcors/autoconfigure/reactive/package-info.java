/**
 * The reactive adapter: a {@code WebFilter} over the CORS engine, and its auto-configuration.
 */
@NullMarked
package dev.fetchcors.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
