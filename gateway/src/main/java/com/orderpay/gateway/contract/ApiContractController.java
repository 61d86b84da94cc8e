package com.orderpay.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public API's contract ships with the product: one OpenAPI 3 document written with the API
 * ({@code openapi/orderpay-api.yaml}), served as JSON at {@code /v3/api-docs} and as YAML at
 * {@code /v3/api-docs.yaml}, and read in Swagger UI at {@code /swagger-ui/}. A test keeps it complete: every public
 * route of every service appears in it.
 */
@RestController
public class ApiContractController {

    public static final String DOCUMENT = "openapi/orderpay-api.yaml";

    private final String yaml;
    private final JsonNode json;

    public ApiContractController() {
        try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.json = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("The API contract " + DOCUMENT + " is missing or unreadable", e);
        }
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode document() {
        return json;
    }

    @GetMapping(path = "/v3/api-docs.yaml", produces = "application/yaml")
    public String documentAsYaml() {
        return yaml;
    }

    /** WebFlux serves no directory index: the page is answered here, its script and Swagger UI's are static. */
    @GetMapping(path = {"/swagger-ui", "/swagger-ui/"}, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<ClassPathResource> swaggerUi() {
        return ResponseEntity.ok(new ClassPathResource("static/swagger-ui/index.html"));
    }
}
