/**
 * Shadow mode and candidate policies: the comparison of a policy's answer with the one a request actually got, as a
 * browser reads each, and the bounded report of the differences.
 */
@NullMarked
package dev.fetchcors.autoconfigure.shadow;

import org.jspecify.annotations.NullMarked;
