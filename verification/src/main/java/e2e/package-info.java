/**
 * Programs the end-to-end tests checkpoint and restore. Each is a small deterministic {@code main}
 * that calls {@link dev.stasis.Stasis#checkpoint()} once, at a place that exercises one construct,
 * and prints values before and after it, so a wrong restore shows as a wrong line of output. They
 * live outside {@code dev.stasis} because the agent never instruments its own packages. None of
 * them prints the checkpoint's outcome on stdout: it differs between an uninterrupted and a
 * restored run, and stdout is what the tests compare.
 */
package e2e;
