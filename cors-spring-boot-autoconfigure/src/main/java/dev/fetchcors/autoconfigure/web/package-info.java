/**
 * The bridges to Spring's web APIs that both stacks need: what differs between the Framework lines
 * ({@link dev.fetchcors.autoconfigure.web.SpringWebCompatibility}), and Spring's own CORS configuration found in an
 * application ({@link dev.fetchcors.autoconfigure.web.SpringCorsLeftovers}). Support for the starter's own packages.
 */
@NullMarked
package dev.fetchcors.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
