package com.orderpay.platform.feign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sibling's problem crosses the Feign hop as the same problem, with what the caller may see of it. */
class ProblemDecoderTest {

    private final ObjectMapper objectMapper = new ObjectMapper();

    @Test
    void aBusinessRefusalKeepsItsExtensionMembers() {
        ProblemException problem = decode(409, """
                {"type":"https://orderpay.dev/problems/out-of-stock","title":"Out of stock","status":409,
                 "detail":"Not enough stock of A","instance":"/internal/stock-reservations",
                 "skuId":"A","requested":2,"available":1}""");

        assertThat(problem.code()).isEqualTo(ProblemCode.OUT_OF_STOCK);
        assertThat(problem.getMessage()).isEqualTo("Not enough stock of A");
        // the callee's own instance (an internal path) is not the caller's
        assertThat(problem.properties()).containsExactlyInAnyOrderEntriesOf(
                Map.of("skuId", "A", "requested", 2, "available", 1));
    }

    @Test
    void aNotFoundNamesWhatWasNotFound() {
        ProblemException problem = decode(404, """
                {"type":"https://orderpay.dev/problems/not-found","title":"Not found","status":404,
                 "detail":"Unknown SKU: X, Y","skuIds":["X","Y"]}""");

        assertThat(problem.code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(problem.properties()).containsExactlyEntriesOf(Map.of("skuIds", List.of("X", "Y")));
    }

    @Test
    void aValidationFailureOfOurOwnInternalRequestShowsNoneOfItsFields() {
        ProblemException problem = decode(400, """
                {"type":"https://orderpay.dev/problems/validation-failed","title":"Bad request","status":400,
                 "detail":"Request is not valid","errors":[{"field":"orderNo","message":"must not be blank"}]}""");

        assertThat(problem.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(problem.properties()).isEmpty();
    }

    @Test
    void aServerErrorIsTheSiblingUnavailable() {
        ProblemException problem = decode(500, """
                {"type":"https://orderpay.dev/problems/internal-error","title":"Internal","status":500,
                 "detail":"boom","secret":"x"}""");

        assertThat(problem.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(problem.properties()).doesNotContainKey("secret");
    }

    private ProblemException decode(int status, String body) {
        Request request = Request.create(Request.HttpMethod.POST, "http://inventory-service/internal/x", Map.of(),
                null, StandardCharsets.UTF_8, null);
        Response response = Response.builder().status(status).request(request).headers(Map.of())
                .body(body, StandardCharsets.UTF_8).build();
        return (ProblemException) PlatformFeignConfiguration.decode(objectMapper, "InventoryClient#reserve", response);
    }
}
