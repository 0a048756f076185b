package dev.stasis.verification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint written on this machine's CPU restored on an emulated one, and back: the program
 * checkpoints with {@code at=N,exit=true} on one side, the other side continues it, and the joined
 * output must equal the uninterrupted run on this machine. That only holds for programs whose output
 * is the same on every CPU (integer arithmetic, StrictMath), which is what the sample apps promise.
 */
final class CrossCpuScenario {

    private CrossCpuScenario() {
    }

    /** Checkpoint on {@code jdk} here, restore on {@code cpu} with {@code restore=FILE}. */
    static void toForeign(Program program, Jdk jdk, ForeignCpu cpu, long n, String workName) {
        Path work = Artifacts.workDir(workName + "/cpu-" + jdk.label() + "-to-" + cpu.arch() + "-at-" + n);
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, jdk);
        runs.add(plain);
        Path dir = work.resolve("checkpoints");
        JvmResult stopped = JvmRun.withAgent("checkpoint", jdk, program, "dir=" + dir + ",exit=true,at=" + n).run(work);
        runs.add(stopped);
        Path file = Scenario.onlyCheckpoint(stopped, dir, runs);
        JvmResult restored = cpu.withAgent("restore-" + cpu.arch(), program,
                "restore=" + file + ",dir=" + work.resolve("after")).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, plain.exitCode(), runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
    }

    /** Checkpoint on {@code cpu}, restore here on {@code jdk} with the launcher. */
    static void fromForeign(Program program, ForeignCpu cpu, Jdk jdk, long n, String workName) {
        Path work = Artifacts.workDir(workName + "/cpu-" + cpu.arch() + "-to-" + jdk.label() + "-at-" + n);
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, jdk);
        runs.add(plain);
        Path dir = work.resolve("checkpoints");
        JvmResult stopped = cpu.withAgent("checkpoint-" + cpu.arch(), program, "dir=" + dir + ",exit=true,at=" + n)
                .run(work);
        runs.add(stopped);
        Path file = Scenario.onlyCheckpoint(stopped, dir, runs);
        JvmResult restored = JvmRun.restore("restore", jdk, file, "--option", "exit=false").run(work);
        runs.add(restored);
        Scenario.expectExit(restored, plain.exitCode(), runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
    }
}
