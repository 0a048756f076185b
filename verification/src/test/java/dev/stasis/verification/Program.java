package dev.stasis.verification;

import java.io.File;
import java.util.List;

/**
 * A test program: a main class from this module's e2e packages (or the samples), its arguments
 * (which usually pick the case the program exercises) and the class path it runs on.
 */
record Program(String mainClass, List<String> args, String classPath, String label) {

    /** A test program of this module. */
    static Program of(Class<?> main, String... args) {
        return on(Artifacts.programClassPath(), main, args);
    }

    /** A sample application from sample-apps. */
    static Program sample(Class<?> main, String... args) {
        return on(Artifacts.samplesClassPath(), main, args);
    }

    private static Program on(String classPath, Class<?> main, String... args) {
        String simple = main.getSimpleName();
        String label = args.length == 0 ? simple : simple + " " + String.join(" ", args);
        return new Program(main.getName(), List.of(args), classPath, label);
    }

    /** The same program with another class path, told apart in test names by {@code note}. */
    Program withClassPath(String newClassPath, String note) {
        return new Program(mainClass, args, newClassPath, label + " (" + note + ")");
    }

    /** The same program with the API jar after its class path, as applications compile and run. */
    Program withApiJar() {
        return withClassPath(classPath + File.pathSeparator + Artifacts.apiJar(), "API jar on the class path");
    }

    /** The label as a directory name. */
    String fileName() {
        return label.replaceAll("[^A-Za-z0-9_.-]+", "_");
    }
}
