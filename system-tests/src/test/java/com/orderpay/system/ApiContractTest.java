package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.RawHttp;
import com.orderpay.devstack.OrderpayStack;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.system.Storefront.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract ships with the product and stays complete: every public route that a service really maps (read from
 * each running service's own mappings) is in the OpenAPI document the gateway serves, every documented route is
 * served through the gateway, and every problem code is listed.
 */
class ApiContractTest {

    private static OrderpayStack stack;
    private static Storefront api;
    private static JsonNode document;

    @BeforeAll
    static void startSystem() {
        stack = RunningSystem.get();
        api = RunningSystem.storefront();
        Reply docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.raw().body()).isEqualTo(200);
        document = docs.body();
    }

    @Test
    void theDocumentIsOpenApi3AndSwaggerUiShowsIt() {
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(api.get("/v3/api-docs.yaml", null).raw().body()).startsWith("openapi: 3.");
        Reply page = api.get("/swagger-ui/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("swagger-ui-bundle.js");
        assertThat(api.get("/webjars/swagger-ui/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        assertThat(api.get("/swagger-ui/init.js", null).raw().body()).contains("/v3/api-docs");
    }

    @Test
    void everyPublicRouteOfEveryServiceIsDocumented() {
        Set<String> mapped = new TreeSet<>();
        for (OrderpayService service : stack.services()) {
            if (service == OrderpayService.GATEWAY) {
                continue;
            }
            RawHttp.Response mappings = RawHttp.send(stack.port(service), "GET", "/actuator/mappings",
                    Map.of("X-Internal-Token", "system-test-token"), null);
            assertThat(mappings.status()).as(service + ": " + mappings.body()).isEqualTo(200);
            mapped.addAll(publicRoutes(mappings.json()));
        }
        mapped.add("POST /api/dev/tokens");
        assertThat(mapped).as("the services map public routes").hasSizeGreaterThan(10);

        assertThat(documented()).containsAll(mapped);
    }

    @Test
    void everyDocumentedRouteIsServedThroughTheGateway() {
        for (String route : documented()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{}", "X-1");
            Reply reply = api.send(method, path, null, null, null, Map.of());
            if (path.equals("/api/dev/tokens")) {
                assertThat(reply.status()).as(route + " is routed and refuses an empty request").isIn(400, 415);
            } else {
                assertThat(reply.status()).as(route + " is routed and guarded").isEqualTo(401);
            }
        }
    }

    @Test
    void everyProblemCodeIsDocumented() {
        List<String> types = new ArrayList<>();
        document.at("/components/schemas/Problem/properties/type/enum").forEach(type -> types.add(type.asText()));
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(types).as(code.slug()).contains(code.type().toString());
        }
        String conventions = document.at("/info/description").asText();
        assertThat(conventions).contains("Idempotency-Key").contains("24 hours").contains("problem+json");
    }

    private static Set<String> documented() {
        Set<String> routes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey().replaceAll("\\{[^}]+}", "{}"));
            }
        }));
        return routes;
    }

    /** "METHOD /api/..." of every handler in a service's /actuator/mappings. */
    private static List<String> publicRoutes(JsonNode mappings) {
        List<String> routes = new ArrayList<>();
        for (JsonNode context : mappings.path("contexts")) {
            for (JsonNode handler : context.path("mappings").path("dispatcherServlets").path("dispatcherServlet")) {
                JsonNode conditions = handler.path("details").path("requestMappingConditions");
                for (JsonNode pattern : conditions.path("patterns")) {
                    if (!pattern.asText().startsWith("/api/")) {
                        continue;
                    }
                    for (JsonNode method : conditions.path("methods")) {
                        routes.add(method.asText() + " " + pattern.asText().replaceAll("\\{[^}]+}", "{}"));
                    }
                }
            }
        }
        return routes;
    }
}
