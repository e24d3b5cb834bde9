/**
 * Origins from a source (a database, a bean): loaded off the request path at startup and on every refresh, each entry
 * checked as an entry of {@code allowed-origins}, and put in force beside the configured origins at once.
 */
@NullMarked
package dev.fetchcors.autoconfigure.origins;

import org.jspecify.annotations.NullMarked;
