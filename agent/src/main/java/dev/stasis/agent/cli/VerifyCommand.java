package dev.stasis.agent.cli;

import dev.stasis.agent.rewrite.MethodFingerprint;
import dev.stasis.internal.coordinator.Waits;
import dev.stasis.internal.format.CheckpointFileException;
import dev.stasis.internal.format.CheckpointKey;
import dev.stasis.internal.format.CheckpointReader;
import dev.stasis.internal.format.CheckpointSummary;
import dev.stasis.internal.format.FrameSummary;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.ThreadSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a checkpoint: every checksum, and that each method on a captured stack still has the
 * code it had when the checkpoint was taken, in the class path the restore would use.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a checkpoint's integrity (every checksum) and that every method on its captured"
                + " stacks is unchanged in the application's class path (--cp, else the recorded one).",
            "Exit status: 0 intact and compatible, 1 intact but the application changed, 2 damaged or unreadable."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "checkpoint file or directory")
    Path path;

    @Option(names = {"--cp", "--class-path"}, paramLabel = "CLASSPATH",
            description = "the application's class path, instead of the one recorded in the checkpoint")
    String classPath;

    @Option(names = "--key", paramLabel = "FILE",
            description = "the file holding the key the checkpoint was signed with (agent option key=); a signed"
                    + " checkpoint is read only with it, and with it only a signed one")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckpointKey key = CheckpointKey.load(keyFile);
        Path file = CheckpointReader.resolve(path, key, skipped -> err.println("stasis: " + skipped));
        CheckpointSummary summary = CheckpointReader.readHeader(file, key);
        String cp = classPath != null ? classPath : summary.header().classPath;
        if (summary.threads().stream().anyMatch(t -> !t.frames().isEmpty()) && (cp == null || cp.isEmpty())) {
            err.println("stasis: " + file + " is intact, but it records no class path to check its methods"
                    + " against; give the application's class path with --cp.");
            return StasisCommand.INCOMPATIBLE;
        }
        List<String> problems = incompatibilities(summary, cp == null ? "" : cp);
        if (!problems.isEmpty()) {
            err.println("stasis: " + file + " is intact, but it cannot be restored with the class path " + cp
                    + " because the application changed since the checkpoint was taken:");
            for (String p : problems) {
                err.println("  " + p);
            }
            err.println("Restore with the same build of the application (give its class path with --cp).");
            return StasisCommand.INCOMPATIBLE;
        }
        long methods = summary.threads().stream().flatMap(t -> t.frames().stream()).map(FrameSummary::method)
                .distinct().count();
        out.println(file + ": intact (every checksum " + (key == null ? "" : "and the signature ") + "matches), and "
                + (methods == 1 ? "the method" : "all " + methods + " methods") + " on its captured stacks "
                + (methods == 1 ? "is" : "are") + " unchanged in the class path.");
        return 0;
    }

    /**
     * For each method on a captured stack that is missing or changed in {@code classPath}, one
     * line saying so; empty when the checkpoint fits the application.
     *
     * @throws CheckpointFileException when a frame's method has no fingerprint in the checkpoint
     */
    static List<String> incompatibilities(CheckpointSummary summary, String classPath)
            throws IOException, CheckpointFileException {
        Set<String> methods = new LinkedHashSet<>();
        for (ThreadSummary t : summary.threads()) {
            for (FrameSummary f : t.frames()) {
                if (!Waits.isWaitRecord(f.method())) {
                    methods.add(f.method());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        try (ClassPath classes = new ClassPath(classPath)) {
            for (String key : methods) {
                String problem = check(summary, key, classes);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    /** What is wrong with method {@code key} in {@code classes}, or null if it is unchanged. */
    private static String check(CheckpointSummary summary, String key, ClassPath classes)
            throws IOException, CheckpointFileException {
        MethodInfo info = summary.method(key);
        if (info == null || info.bytecodeHash == null) {
            throw new CheckpointFileException(summary.file(), "the checkpoint is inconsistent: it has a frame of "
                    + key + " but no fingerprint of that method's code, so it cannot be checked or restored.");
        }
        int paren = key.indexOf('(');
        int dot = paren < 0 ? -1 : key.lastIndexOf('.', paren);
        if (dot < 0) {
            throw new CheckpointFileException(summary.file(), "the checkpoint is inconsistent: '" + key
                    + "' is not a method key (owner.name(descriptor)).");
        }
        String owner = key.substring(0, dot);
        String name = key.substring(dot + 1, paren);
        String desc = key.substring(paren);
        String shown = owner.replace('/', '.') + "." + name + desc;
        ClassPath.Found found = classes.find(owner);
        byte[] carried = summary.carriedClasses().get(owner.replace('/', '.'));
        if (found == null && carried != null) {
            // defined at run time by a loader of the program: the restore defines it from the file
            found = new ClassPath.Found(carried, "the checkpoint, which carries it");
        }
        if (found == null) {
            return "class " + owner.replace('/', '.') + " (of " + shown + ") is not in the class path";
        }
        ClassNode node = new ClassNode();
        try {
            new ClassReader(found.bytes()).accept(node, 0);
        } catch (RuntimeException e) {
            return "the class file of " + owner.replace('/', '.') + " in " + found.entry() + " cannot be read (" + e
                    + ")";
        }
        for (MethodNode m : node.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                String now = MethodFingerprint.of(m);
                return now.equals(info.bytecodeHash) ? null
                        : "the code of " + shown + " changed (in " + found.entry() + ")";
            }
        }
        return "method " + shown + " no longer exists (class from " + found.entry() + ")";
    }
}
