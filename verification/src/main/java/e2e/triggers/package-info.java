/**
 * Programs for the checkpoint triggers of issue 3 (interval, signal, {@code checkpoint PID}, JMX,
 * requests from another thread, {@code @Checkpoint} thinning, {@code at=N}, requests that must
 * wait or time out). Most of them never call Stasis: the agent alone checkpoints them, the way it
 * checkpoints an application that never heard of it. Their application work runs on the main
 * thread only, where the checkpoints are taken.
 */
package e2e.triggers;
