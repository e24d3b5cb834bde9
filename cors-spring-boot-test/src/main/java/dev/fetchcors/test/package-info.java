/**
 * Testing an application's CORS policy the way a browser judges it: {@link dev.fetchcors.test.BrowserRequest}
 * describes what a page's script asks for; {@link dev.fetchcors.test.MockMvcCors} and
 * {@link dev.fetchcors.test.WebTestClientCors} send what the browser sends; {@link dev.fetchcors.test.CorsAssertions}
 * judges single responses and {@link dev.fetchcors.test.CorsPolicyTable} a whole policy at once;
 * {@link dev.fetchcors.test.CorsSurfaceAssert} pins the application's whole CORS surface in a file.
 */
@NullMarked
package dev.fetchcors.test;

import org.jspecify.annotations.NullMarked;
