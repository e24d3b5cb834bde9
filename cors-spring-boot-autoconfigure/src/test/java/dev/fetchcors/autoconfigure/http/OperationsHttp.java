package dev.fetchcors.autoconfigure.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A plain JDK client for the operations tests (actuator endpoint, metrics, refresh), and the application they
 * start on either stack. JSON is read with Boot's own parser, which is the same on Boot 3.5 and 4.0.
 */
public final class OperationsHttp {

    /**
     * A client per application: one client's pool of kept-alive connections, shared by applications started one after
     * the other, could hand a request a connection to a port an earlier application had, and that request would hang.
     */
    private static final Map<ConfigurableApplicationContext, HttpClient> clients = Collections
        .synchronizedMap(new WeakHashMap<>());

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    }

    private OperationsHttp() {
    }

    /** Sends a request with the given headers, as name, value pairs. */
    public static HttpResponse<String> send(ConfigurableApplicationContext context, String method, String pathAndQuery,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://localhost:" + TestApps.port(context) + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return clients.computeIfAbsent(context, (key) -> newClient())
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (java.net.http.HttpTimeoutException ex) {
            if (!"POST".equals(method)) {
                // The JDK's client can lose a request on a pooled connection (the thread dump then shows a server
                // with nothing to do); a request the server really does not answer times out again on a fresh one.
                System.out.println("No answer within 10 s to " + method + " " + pathAndQuery
                        + " on a pooled connection; sent again on a new one");
                HttpClient fresh = newClient();
                clients.put(context, fresh);
                try {
                    return fresh.send(request.build(), HttpResponse.BodyHandlers.ofString());
                }
                catch (java.net.http.HttpTimeoutException again) {
                    ex = again;
                }
            }
            // What the server's threads were doing: the evidence for a request that never got an answer.
            StringBuilder dump = new StringBuilder("No answer within 10 s to " + method + " " + pathAndQuery
                    + "; the threads:");
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                dump.append(System.lineSeparator()).append('"').append(thread.getName()).append("\" ")
                    .append(thread.getState());
                for (StackTraceElement element : stack) {
                    dump.append(System.lineSeparator()).append("    at ").append(element);
                }
            });
            System.out.println(dump);
            throw ex;
        }
    }

    /** The JSON object of a response body, whole numbers as {@code Long} whichever parser is present. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) wholeNumbersAsLong(JsonParserFactory.getJsonParser().parseMap(response.body()));
    }

    private static Object wholeNumbersAsLong(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, wholeNumbersAsLong(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OperationsHttp::wholeNumbersAsLong).toList();
        }
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        return value;
    }

    /** Starts {@link OperationsApp} on Tomcat (servlet) or Netty (reactive). */
    public static ConfigurableApplicationContext start(boolean reactive, String... properties) {
        return reactive ? TestApps.reactive(OperationsApp.class, false, properties)
                : TestApps.servlet(OperationsApp.class, false, properties);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestController.class)
    public static class OperationsApp {

    }

}
