/**
 * The starter: one dependency that brings the CORS engine ({@code dev.fetchcors.core}) and its Spring Boot
 * auto-configuration ({@code dev.fetchcors.autoconfigure}). It holds no code of its own; configure it under
 * {@code app.cors.*}.
 */
@NullMarked
package dev.fetchcors.starter;

import org.jspecify.annotations.NullMarked;
