package com.orderpay.order.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import feign.FeignException;
import feign.Request;
import feign.RetryableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiblingFailureTest {

    private final SiblingFailure failure = new SiblingFailure();

    @Test
    void anUnreachableOrFailingSiblingCountsAgainstItsCircuit() {
        Request request = Request.create(Request.HttpMethod.POST, "http://wallet-service/internal/wallet-freezes",
                Map.of(), null, null, null);
        assertThat(failure.test(new RetryableException(-1, "Connection refused", Request.HttpMethod.POST,
                (Long) null, request))).isTrue();
        assertThat(failure.test(new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, "wallet answered 500"))).isTrue();
        assertThat(failure.test(FeignException.errorStatus("x", feign.Response.builder().status(502)
                .request(request).headers(Map.of()).build()))).isTrue();
    }

    @Test
    void aBusinessAnswerIsTheSiblingWorkingNotFailing() {
        assertThat(failure.test(new ProblemException(ProblemCode.OUT_OF_STOCK, "2 requested, 1 available"))).isFalse();
        assertThat(failure.test(new ProblemException(ProblemCode.INSUFFICIENT_BALANCE, "short"))).isFalse();
        assertThat(failure.test(new ProblemException(ProblemCode.NOT_FOUND, "no such SKU"))).isFalse();
        assertThat(failure.test(new IllegalStateException("a bug of ours"))).isFalse();
    }
}
