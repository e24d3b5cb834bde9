/**
 * The policy's own reason for a refusal, in a response header, wherever the test kit is on the class path (test
 * scope): the kit's failure messages quote it, so a failing test names the property to change.
 */
@NullMarked
package dev.fetchcors.test.reason;

import org.jspecify.annotations.NullMarked;
