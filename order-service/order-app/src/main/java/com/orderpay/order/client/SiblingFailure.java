package com.orderpay.order.client;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import feign.FeignException;
import java.util.function.Predicate;

/**
 * What counts against a sibling's circuit: it could not be reached, timed out or
 * failed (the platform's decoder turns its 5xx into service-unavailable). A business answer such as
 * out-of-stock is the sibling working, never a failure.
 */
public class SiblingFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.code() == ProblemCode.SERVICE_UNAVAILABLE;
        }
        return failure instanceof FeignException;
    }
}
