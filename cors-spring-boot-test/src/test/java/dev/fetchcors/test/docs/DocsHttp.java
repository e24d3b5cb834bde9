package dev.fetchcors.test.docs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.context.ConfigurableApplicationContext;

/** Requests to the documents' application on its real port, as the JDK's client sends them. */
final class DocsHttp {

    private DocsHttp() {
    }

    /**
     * Sends a request with an {@code Origin} and the given headers, as name and value pairs, and no body.
     *
     * @param context the running application
     * @param method the method
     * @param path the path
     * @param origin the origin
     * @param headers more headers, name then value
     * @return the response
     * @throws Exception when the request cannot be sent
     */
    static HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path,
            String origin, String... headers) throws Exception {
        String port = context.getEnvironment().getRequiredProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's {@code Access-Control-Allow-Origin}, or an empty string. */
    static String allowOrigin(HttpResponse<String> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin").orElse("");
    }

}
