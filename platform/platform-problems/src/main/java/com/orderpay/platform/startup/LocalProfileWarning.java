package com.orderpay.platform.startup;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Profiles;

/**
 * The {@code local} profile brings development defaults for every secret (internal credential, JWT key, database
 * root without a password) and, on the gateway, a token endpoint that mints any identity. It is never a default;
 * when someone asks for it, the log says so where nobody can miss it.
 */
public class LocalProfileWarning implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log log = LogFactory.getLog(LocalProfileWarning.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (event.getApplicationContext().getEnvironment().acceptsProfiles(Profiles.of("local"))) {
            log.warn("""

                    ************************************************************************************
                    *  PROFILE 'local' IS ACTIVE: development defaults for secrets are in use          *
                    *  (internal credential, JWT key, database user root without a password; dev       *
                    *  tokens on the gateway). Never run this profile outside a developer's machine.   *
                    ************************************************************************************""");
        }
    }
}
