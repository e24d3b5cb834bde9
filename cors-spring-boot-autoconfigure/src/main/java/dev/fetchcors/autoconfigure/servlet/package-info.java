/**
 * The servlet adapter: a {@code jakarta.servlet.Filter} over the CORS engine, and its auto-configuration.
 */
@NullMarked
package dev.fetchcors.autoconfigure.servlet;

import org.jspecify.annotations.NullMarked;
