// The contract the gateway serves; "Try it out" calls go through the gateway with the token given in Authorize.
window.ui = SwaggerUIBundle({url: "/v3/api-docs", dom_id: "#swagger-ui", deepLinking: true});
