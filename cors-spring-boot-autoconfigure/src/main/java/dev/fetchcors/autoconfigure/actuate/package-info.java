/**
 * The {@code cors} actuator endpoint: the policies in force and a check of what the filter would do with a
 * request, with its auto-configuration.
 */
@NullMarked
package dev.fetchcors.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
