package com.orderpay.gateway.identity;

import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** {@code sub} is the user id the services receive in {@code X-User-Id}: it must have their syntax. */
class SubjectValidator implements OAuth2TokenValidator<Jwt> {

    private static final Pattern USER_ID = Pattern.compile(Roles.USER_ID_PATTERN);
    private static final OAuth2Error BAD_SUBJECT = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token subject must be 1-64 characters of [A-Za-z0-9_-]", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String subject = jwt.getSubject();
        return subject != null && USER_ID.matcher(subject).matches() ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(BAD_SUBJECT);
    }
}
