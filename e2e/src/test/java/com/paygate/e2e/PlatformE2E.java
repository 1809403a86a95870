package com.paygate.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every end-to-end class shares: the one platform of this JVM, and the check, after each class, that the
 * services' logs of the run so far hold no secret (so the last class covers the whole run).
 */
abstract class PlatformE2E {

    static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
    }

    @AfterAll
    static void logsHoldNoSecrets() throws Exception {
        platform.assertLogsHoldNoSecrets();
    }
}
