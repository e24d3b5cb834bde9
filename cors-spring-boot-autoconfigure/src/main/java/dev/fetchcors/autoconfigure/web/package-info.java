/**
 * What the servlet and the reactive adapters share: {@link dev.fetchcors.autoconfigure.web.CorsStep}, the one
 * decision step both run for every request, and the bridges both need to Spring's APIs. Support for the starter's
 * own packages; applications use the adapters ({@code FetchCorsFilter}, {@code FetchCorsWebFilter}) instead.
 */
@NullMarked
package dev.fetchcors.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
