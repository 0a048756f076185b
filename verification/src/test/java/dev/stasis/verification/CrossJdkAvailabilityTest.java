package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Where cross-JDK runs are required (CI=true or STASIS_REQUIRE_CROSS_JDK=true) two JDK versions
 * must be there; elsewhere the other tests restore on the one JDK found, and Jdks says so on
 * stderr.
 */
class CrossJdkAvailabilityTest {

    @Test
    void twoJdkVersionsAreInstalledWhereCrossJdkRunsAreRequired() {
        System.err.println("[stasis-verification] JDKs: " + Jdks.installed() + "; directions: " + Jdks.directions());
        assumeTrue(Jdks.crossJdkRequired(), "cross-JDK runs are not required here (set CI=true or "
                + Jdks.REQUIRE_VARIABLE + "=true to require them)");
        assertTrue(Jdks.crossJdkPossible(), Jdks.missingSecondJdkMessage());
    }
}
