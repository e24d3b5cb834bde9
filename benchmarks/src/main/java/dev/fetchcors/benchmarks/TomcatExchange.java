package dev.fetchcors.benchmarks;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.mapper.MappingData;
import org.apache.coyote.OutputBuffer;

/**
 * Tomcat's own request and response, as its connector hands them to the filter chain of an application mapped at
 * the root with its dispatcher servlet at {@code /}, and recycled between calls as Tomcat recycles them between
 * requests. The request's line and headers are parsed once; header reads and writes then go through Tomcat's
 * {@code MimeHeaders}, as in production, rather than through a mock's maps.
 */
final class TomcatExchange {

    private final org.apache.coyote.Response coyoteResponse = new org.apache.coyote.Response();

    private final StandardContext context = new StandardContext();

    private final String path;

    final Request request;

    final Response response;

    TomcatExchange(String method, String path, List<String[]> headers) {
        this.path = path;
        // What a refused request's body is written to (Spring writes one): counted and dropped, as a socket would.
        this.coyoteResponse.setOutputBuffer(new DiscardingOutputBuffer());
        org.apache.coyote.Request coyoteRequest = new org.apache.coyote.Request();
        coyoteRequest.setResponse(this.coyoteResponse);
        coyoteRequest.protocol().setString("HTTP/1.1");
        coyoteRequest.scheme().setString("http");
        coyoteRequest.serverName().setString("api.example.com");
        coyoteRequest.setServerPort(80);
        coyoteRequest.method().setString(method);
        coyoteRequest.requestURI().setString(path);
        coyoteRequest.decodedURI().setString(path);
        for (String[] header : headers) {
            coyoteRequest.getMimeHeaders().addValue(header[0]).setString(header[1]);
        }
        this.request = new Request(new Connector("HTTP/1.1"), coyoteRequest);
        this.response = new Response(this.coyoteResponse);
        this.request.setResponse(this.response);
        this.response.setRequest(this.request);
        map();
    }

    /** Clears what the last call left, as Tomcat does between two requests on a connection. */
    void recycle() {
        this.request.recycle();
        this.response.recycle();
        this.coyoteResponse.recycle();
        map();
    }

    private static final class DiscardingOutputBuffer implements OutputBuffer {

        private long written;

        @Override
        public int doWrite(ByteBuffer chunk) {
            int length = chunk.remaining();
            chunk.position(chunk.limit());
            this.written += length;
            return length;
        }

        @Override
        public long getBytesWritten() {
            return this.written;
        }

    }

    private void map() {
        MappingData mapping = this.request.getMappingData();
        mapping.context = this.context;
        mapping.contextSlashCount = 0;
        mapping.requestPath.setString(this.path);
        mapping.wrapperPath.setString(this.path);
    }

}
