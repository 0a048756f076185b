package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.crash.HeapChurn;
import e2e.triggers.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint survives the death of the process writing the next one. A program with a heap of
 * tens of megabytes (a checkpoint takes a few hundred milliseconds to write) checkpoints every
 * interval and goes on (keep=2); it is killed with SIGKILL at seeded pseudo-random moments, twice
 * right while a checkpoint is being written. After each kill every file with a checkpoint name is
 * valid ({@code verify FILE} exits 0), the temporary file of the interrupted write is never taken
 * for a checkpoint, {@code verify DIR} exits 0 whenever a checkpoint was completed, and
 * {@code restore DIR} runs the program to its normal end with the uninterrupted run's last lines.
 * Then a full disk: a write that finds no room fails with a message naming the directory, the
 * program goes on to its end, and the previous checkpoint stays valid.
 */
class CrashSafetyTest {

    private static final long SEED = 20261126;
    /** About 16 MB per checkpoint; sixteen steps of 150 ms, so at least 2.4 s after the first line. */
    private static final Program CHURN = Program.of(HeapChurn.class, "16", "150", "600000", "0");
    private static final String OPTIONS = ",interval=700ms,keep=2";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(40);

    /** When a run is killed. */
    private enum Moment {
        DURING_FIRST_WRITE, DURING_LATER_WRITE, AFTER_DELAY
    }

    @Test
    void killedAtAnyMomentLeavesOnlyValidCheckpoints() throws Exception {
        Jdk jdk = Jdks.newest();
        Random random = new Random(SEED);
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(CHURN, jdk);
        runs.add(plain);
        Scenario.expectExit(plain, 0, runs);
        Moment[] moments = {Moment.DURING_FIRST_WRITE, Moment.DURING_LATER_WRITE, Moment.AFTER_DELAY,
            Moment.AFTER_DELAY};
        int interruptedWrites = 0;
        for (int k = 0; k < moments.length; k++) {
            Path work = Artifacts.workDir("crash/kill-" + k + "-" + jdk.label());
            Path checkpoints = work.resolve("checkpoints");
            long delayMillis = 200 + random.nextInt(1800);
            String when = moments[k] == Moment.AFTER_DELAY ? delayMillis + " ms after the first step" : moments[k]
                    .toString();
            JvmRun.Running running = JvmRun.withAgent("killed-" + k, jdk, CHURN, "dir=" + checkpoints + OPTIONS)
                    .timeout(RUN_TIMEOUT).start(work);
            boolean reached = awaitMoment(running, checkpoints, moments[k], delayMillis);
            running.kill();
            JvmResult killed = running.finish();
            runs.add(killed);
            if (!reached) {
                fail("run " + k + " ended before the moment it was to be killed at (" + when + ")"
                        + Scenario.describe(runs));
            }
            List<Path> temporary = temporaryFiles(checkpoints);
            if (moments[k] != Moment.AFTER_DELAY && !temporary.isEmpty()) {
                interruptedWrites++;
            }
            checkAfterKill(jdk, work, checkpoints, k, when, plain, runs);
        }
        if (interruptedWrites == 0) {
            fail("no kill landed inside a checkpoint write (no temporary file was left behind), so the test did not"
                    + " show what it is for; the heap should make writes last long enough" + Scenario.describe(runs));
        }
    }

    /** What must hold in {@code checkpoints} after the writer was killed, and that restore finishes the job. */
    private static void checkAfterKill(Jdk jdk, Path work, Path checkpoints, int k, String when, JvmResult plain,
            List<JvmResult> runs) {
        List<Path> files = checkpointNamed(checkpoints);
        for (Path file : files) {
            JvmResult verified = JvmRun.agentCommand("verify-" + k + "-" + file.getFileName(), jdk, "verify",
                    file.toString()).run(work);
            runs.add(verified);
            if (verified.exitCode() != 0) {
                fail("after the kill " + when + ", " + file + " has a checkpoint's name but is not a valid checkpoint"
                        + Scenario.describe(runs));
            }
        }
        JvmResult verifyDir = JvmRun.agentCommand("verify-dir-" + k, jdk, "verify", checkpoints.toString()).run(work);
        runs.add(verifyDir);
        if (files.isEmpty()) {
            if (verifyDir.exitCode() != 2 || !verifyDir.stderr().contains("holds no checkpoint")) {
                fail("killed " + when + " before any checkpoint was complete, verify DIR should find none (exit 2),"
                        + " whatever temporary file the interrupted write left" + Scenario.describe(runs));
            }
            return;
        }
        Scenario.expectExit(verifyDir, 0, runs);
        if (verifyDir.stderr().contains("skipping") || !verifyDir.stdout().startsWith(files.get(files.size() - 1)
                .toString())) {
            fail("after the kill " + when + ", verify DIR should take the newest checkpoint, "
                    + files.get(files.size() - 1) + ", without skipping anything" + Scenario.describe(runs));
        }
        JvmResult restored = JvmRun.restore("restore-" + k, jdk, checkpoints).timeout(RUN_TIMEOUT).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectSuffix(plain, restored, runs);
    }

    /**
     * A write that finds the disk full fails with a message naming the directory, leaves no file
     * behind, and the program goes on; the checkpoint written before stays valid. Needs a small
     * tmpfs, which only root can mount: skipped elsewhere.
     */
    @Test
    void fullDiskFailsTheWriteAndKeepsThePreviousCheckpoint() throws Exception {
        Jdk jdk = Jdks.newest();
        Path work = Artifacts.workDir("crash/full-disk-" + jdk.label());
        Path small = Files.createDirectories(work.resolve("small-disk"));
        Assumptions.assumeTrue(mountTmpfs(small), "mounting a 1 MB tmpfs needs root; the full-disk case is skipped");
        try {
            // Checkpoints grow by about 100 KB a step: the first ones fit in 1 MB, later ones do not.
            Program growing = Program.of(HeapChurn.class, "10", "150", "2000", "4000");
            List<JvmResult> runs = new ArrayList<>();
            JvmResult plain = Scenario.uninterrupted(growing, jdk);
            runs.add(plain);
            JvmResult run = JvmRun.withAgent("full-disk", jdk, growing, "dir=" + small + ",interval=250ms,keep=2")
                    .run(work);
            runs.add(run);
            Scenario.expectExit(run, 0, runs);
            Scenario.expectNoTrace(run, runs);
            Scenario.expectJoined(run.stdout(), plain, runs);
            if (!run.stderr().contains("checkpoint not written") || !run.stderr().contains("No space left on device")
                    || !run.stderr().contains("cannot write a checkpoint into " + small)) {
                fail("a checkpoint larger than the room left should fail with a message naming the directory and"
                        + " the full disk" + Scenario.describe(runs));
            }
            if (!temporaryFiles(small).isEmpty()) {
                fail("a failed write must delete its temporary file: " + temporaryFiles(small)
                        + Scenario.describe(runs));
            }
            List<Path> files = checkpointNamed(small);
            if (files.isEmpty()) {
                fail("the first, small checkpoints should have fit" + Scenario.describe(runs));
            }
            for (Path file : files) {
                JvmResult verified = JvmRun.agentCommand("verify-" + file.getFileName(), jdk, "verify",
                        file.toString()).run(work);
                runs.add(verified);
                Scenario.expectExit(verified, 0, runs);
            }
        } finally {
            command("umount", small.toString());
        }
    }

    /** Waits for {@code moment}; false if the program ended first. */
    private static boolean awaitMoment(JvmRun.Running running, Path checkpoints, Moment moment, long delayMillis)
            throws InterruptedException {
        if (moment == Moment.AFTER_DELAY && !running.awaitStdoutLines(1, RUN_TIMEOUT)) {
            return false;
        }
        long start = System.nanoTime();
        long deadline = start + RUN_TIMEOUT.toNanos();
        while (running.isAlive() && System.nanoTime() < deadline) {
            switch (moment) {
                case DURING_FIRST_WRITE:
                    if (!temporaryFiles(checkpoints).isEmpty()) {
                        return true;
                    }
                    break;
                case DURING_LATER_WRITE:
                    if (!checkpointNamed(checkpoints).isEmpty() && !temporaryFiles(checkpoints).isEmpty()) {
                        return true;
                    }
                    break;
                default:
                    if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(delayMillis)) {
                        return true;
                    }
                    break;
            }
            Thread.sleep(2);
        }
        return false;
    }

    private static List<Path> checkpointNamed(Path dir) {
        return list(dir, name -> name.matches("checkpoint-\\d{8}-\\d{6}-\\d{3}-\\d+\\.stasis"));
    }

    private static List<Path> temporaryFiles(Path dir) {
        return list(dir, name -> name.startsWith(".ckpt-") && name.endsWith(".tmp"));
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> name.test(p.getFileName().toString())).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean mountTmpfs(Path dir) {
        return command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString());
    }

    private static boolean command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A restore launcher killed with SIGKILL, as a scheduler that knows only its process id kills a
     * job, takes the application JVM it started with it: that JVM must not run on, orphaned,
     * writing checkpoints that the job's next start is reading.
     */
    @Test
    void applicationJvmStopsWhenItsRestoreLauncherIsKilled() throws Exception {
        Program ticker = Program.of(Ticker.class, "600", "50");
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir("crash/launcher-killed-" + jdk.label());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult stopped = JvmRun.withAgent("checkpoint", jdk, ticker, "dir=" + checkpoints + ",at=30,exit=true")
                .run(work);
        runs.add(stopped);
        Scenario.expectExit(stopped, 0, runs);

        JvmRun.Running launcher = JvmRun.restore("restore", jdk, checkpoints, "--option", "exit=",
                "--option", "interval=300ms").start(work);
        boolean printed = launcher.awaitStdoutLines(5, Duration.ofSeconds(30));
        List<ProcessHandle> application = launcher.killAlone();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (application.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        List<ProcessHandle> survivors = application.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        JvmResult killed = launcher.finish();
        runs.add(killed);
        if (!printed || application.isEmpty()) {
            fail("the restored program should be running in its own JVM when its launcher is killed"
                    + Scenario.describe(runs));
        }
        if (!survivors.isEmpty()) {
            fail("the application JVM should stop within seconds of its launcher's death, yet it ran on"
                    + Scenario.describe(runs));
        }
        if (!killed.stderr().contains("launcher")) {
            fail("the application JVM should say why it stops" + Scenario.describe(runs));
        }
    }
}
