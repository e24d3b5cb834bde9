/**
 * The starter as the single CORS owner of a Spring Cloud Gateway (Server WebFlux or Server MVC): preflights
 * answered at the edge, every CORS header of the services behind it removed.
 */
@NullMarked
package dev.fetchcors.autoconfigure.gateway;

import org.jspecify.annotations.NullMarked;
