package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service called on its own port the way the gateway or a sibling calls it: the internal credential, the verified
 * user, and inside a global transaction the Seata XID. For component tests, which drive a service over real HTTP.
 */
public final class ServiceHop {

    /** Seata's XID header ({@code RootContext.KEY_XID}), spelled out so that devstack needs no Seata. */
    public static final String XID_HEADER = "TX_XID";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public ServiceHop(int port) {
        this.port = port;
    }

    /** The hop between services: the internal credential and, when given, the XID of the global transaction. */
    public static Map<String, String> internal(String xid) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Internal-Token", SharedInfrastructure.INTERNAL_TOKEN);
        if (xid != null) {
            headers.put(XID_HEADER, xid);
        }
        return headers;
    }

    /** The hop from the gateway: the internal credential and the verified user with these roles. */
    public static Map<String, String> caller(String userId, String roles) {
        Map<String, String> headers = internal(null);
        headers.put("X-User-Id", userId);
        headers.put("X-User-Roles", roles);
        return headers;
    }

    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Asserts an RFC 9457 answer with the given status and problem code, and returns it. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).isEqualTo("https://orderpay.dev/problems/" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }
}
