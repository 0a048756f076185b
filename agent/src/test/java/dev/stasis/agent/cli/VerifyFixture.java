package dev.stasis.agent.cli;

/** A class whose methods the verify tests treat as the application's. */
final class VerifyFixture {

    private VerifyFixture() {
    }

    static int compute(int n) {
        int sum = 0;
        for (int k = 0; k < n; k++) {
            try {
                sum += k * 3;
            } catch (RuntimeException e) {
                sum = -1;
            }
        }
        return sum;
    }

    static double constant() {
        return 2e23;
    }
}
