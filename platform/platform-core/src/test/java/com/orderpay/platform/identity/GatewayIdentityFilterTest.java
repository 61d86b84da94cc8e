package com.orderpay.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class GatewayIdentityFilterTest {

    private final GatewayIdentityFilter filter =
            new GatewayIdentityFilter(new IdentityProperties("s3cret"), new ObjectMapper());

    private MockHttpServletResponse run(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }

    @Test
    void userIdentityWithoutTheInternalCredentialIsNotBelieved() throws Exception {
        MockHttpServletRequest request = request("/api/orders");
        request.addHeader(IdentityHeaders.USER_ID, "mallory");
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = run(request, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("/problems/unauthorized");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void verifiedCallerReachesTheController() throws Exception {
        MockHttpServletRequest request = request("/api/orders");
        request.addHeader(IdentityHeaders.INTERNAL_TOKEN, "s3cret");
        request.addHeader(IdentityHeaders.USER_ID, "u-1");
        request.addHeader(IdentityHeaders.USER_ROLES, "USER, ADMIN");
        MockFilterChain chain = new MockFilterChain();

        assertThat(run(request, chain).getStatus()).isEqualTo(200);
        Caller caller = (Caller) chain.getRequest().getAttribute(GatewayIdentityFilter.CALLER_ATTRIBUTE);
        assertThat(caller).isEqualTo(new Caller("u-1", Set.of("USER", "ADMIN")));
    }

    @Test
    void adminPathsNeedTheAdminRole() throws Exception {
        MockHttpServletRequest request = request("/api/admin/skus/SKU-1");
        request.addHeader(IdentityHeaders.INTERNAL_TOKEN, "s3cret");
        request.addHeader(IdentityHeaders.USER_ID, "u-1");
        request.addHeader(IdentityHeaders.USER_ROLES, "USER");

        MockHttpServletResponse response = run(request, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("/problems/forbidden");
    }

    @Test
    void malformedUserIdIsRefused() throws Exception {
        MockHttpServletRequest request = request("/api/orders");
        request.addHeader(IdentityHeaders.INTERNAL_TOKEN, "s3cret");
        request.addHeader(IdentityHeaders.USER_ID, "u 1; DROP");

        assertThat(run(request, new MockFilterChain()).getStatus()).isEqualTo(401);
    }

    @Test
    void internalPathsNeedTheCredentialButNoUser() throws Exception {
        MockHttpServletRequest withToken = request("/internal/skus");
        withToken.addHeader(IdentityHeaders.INTERNAL_TOKEN, "s3cret");
        assertThat(run(withToken, new MockFilterChain()).getStatus()).isEqualTo(200);

        MockHttpServletRequest wrongToken = request("/internal/skus");
        wrongToken.addHeader(IdentityHeaders.INTERNAL_TOKEN, "guess");
        assertThat(run(wrongToken, new MockFilterChain()).getStatus()).isEqualTo(401);
    }

    @Test
    void probesAndTheScrapeStayOpenAndNothingElseDoes() throws Exception {
        for (String open : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus"}) {
            MockFilterChain chain = new MockFilterChain();
            assertThat(run(request(open), chain).getStatus()).as(open).isEqualTo(200);
            assertThat(chain.getRequest()).as(open).isNotNull();
            assertThat(((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getUserPrincipal())
                    .as("no principal, so no health details").isNull();
        }
        for (String closed : new String[] {"/actuator/env", "/actuator/metrics", "/actuator/info", "/v3/api-docs",
                "/swagger-ui/index.html", "/", "/error", "/actuator/healthz", "/anything"}) {
            MockFilterChain chain = new MockFilterChain();
            assertThat(run(request(closed), chain).getStatus()).as(closed).isEqualTo(401);
            assertThat(chain.getRequest()).as(closed).isNull();
        }
    }

    @Test
    void anInternalCallerIsThePrincipalSoHealthShowsItsDetails() throws Exception {
        MockHttpServletRequest request = request("/actuator/health");
        request.addHeader(IdentityHeaders.INTERNAL_TOKEN, "s3cret");
        MockFilterChain chain = new MockFilterChain();

        run(request, chain);

        assertThat(((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getUserPrincipal()).isNotNull();
    }

    @Test
    void prefixesAreGuardedWhateverTheirCase() throws Exception {
        MockHttpServletRequest request = request("/API/ADMIN/wallets/u-1/credits");
        request.addHeader(IdentityHeaders.INTERNAL_TOKEN, "s3cret");
        request.addHeader(IdentityHeaders.USER_ID, "u-1");
        request.addHeader(IdentityHeaders.USER_ROLES, "USER");

        assertThat(run(request, new MockFilterChain()).getStatus()).isEqualTo(403);
        assertThat(run(request("/Internal/wallets/u-1"), new MockFilterChain()).getStatus()).isEqualTo(401);
    }
}
