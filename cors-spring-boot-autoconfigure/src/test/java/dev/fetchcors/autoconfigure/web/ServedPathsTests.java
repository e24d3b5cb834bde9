package dev.fetchcors.autoconfigure.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;

class ServedPathsTests {

    @ParameterizedTest(name = "{0} is served as {1}")
    @CsvSource(delimiter = ' ', value = { "/public/..;/admin /admin", "/public/a/..;/..;/admin /admin",
            "/public/%2e%2e/admin /admin", "/public/%2E%2E/admin /admin", "/public/..%2fadmin /admin",
            "/public/..%5cadmin /admin", "//admin /admin", "/public/./items /public/items", "/a/.. /",
            "/../../admin /admin", "/public/..;/admin/ /admin/", "/caf%C3%A9/../x%20y /x%20y" })
    void aPathAServerResolvesIsTheServedPath(String sent, String served) {
        PathContainer path = ServedPaths.served(PathContainer.parsePath(sent));
        assertThat(path).isNotNull();
        assertThat(path.value()).isEqualTo(served);
    }

    @ParameterizedTest(name = "{0} is served as it came")
    @CsvSource({ "/", "/api/orders/1", "/api/orders/", "/files/v1.2/readme.txt", "/a.b/.c/..d", "/x%20y" })
    void aPathWithoutDotSegmentsOrEmptySegmentsIsServedAsItCame(String sent) {
        assertThat(ServedPaths.served(PathContainer.parsePath(sent))).isNull();
    }

}
