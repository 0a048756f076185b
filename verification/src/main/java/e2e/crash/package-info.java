/**
 * Programs for crash safety: a heap large enough that writing a checkpoint takes a noticeable
 * time, so that a process killed at a random moment is often killed in the middle of a write.
 */
package e2e.crash;
