/**
 * WebSocket handshakes on Spring MVC judged by the CORS policy: the endpoints' own origin checks follow it.
 */
@NullMarked
package dev.fetchcors.autoconfigure.websocket;

import org.jspecify.annotations.NullMarked;
