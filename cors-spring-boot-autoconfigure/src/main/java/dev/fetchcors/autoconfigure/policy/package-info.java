/**
 * From {@code app.cors.*} to policies: the auto-configuration that binds the properties, the compiler that validates
 * them (every problem at once, a failure analyzer to print them) and compiles each policy, and the starter's
 * {@link dev.fetchcors.autoconfigure.CorsPolicyResolver}, which selects a policy by the path the application routes on
 * and swaps in a refreshed set at once.
 */
@NullMarked
package dev.fetchcors.autoconfigure.policy;

import org.jspecify.annotations.NullMarked;
