/**
 * Changing the CORS policies without a restart, on Spring Cloud's environment refreshes, and its
 * auto-configuration.
 */
@NullMarked
package dev.fetchcors.autoconfigure.refresh;

import org.jspecify.annotations.NullMarked;
