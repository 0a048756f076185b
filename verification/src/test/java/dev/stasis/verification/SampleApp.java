package dev.stasis.verification;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import samples.Fft;
import samples.HeatDiffusion;
import samples.Interpreter;
import samples.LorenzEnsemble;
import samples.MatrixMultiply;
import samples.NQueens;
import samples.SatSolver;
import samples.TextIndex;

/**
 * A sample application of {@code sample-apps} as the verification matrix runs it: a short run
 * (well under a second) for sweeps, chains and other CPUs, a longer one (a few seconds) to kill
 * at random moments, and whether its output is the same on every CPU.
 */
record SampleApp(String name, Program shortRun, Program longRun, boolean sameOnEveryCpu) {

    static final String APPS_PROPERTY = "stasis.matrix.apps";

    /** Every sample app, in the order the matrix runs them. */
    static List<SampleApp> all() {
        return List.of(
                app(MatrixMultiply.class, "160", "560"),
                app(Fft.class, "20", "800"),
                app(HeatDiffusion.class, "1000", "20000"),
                app(SatSolver.class, "6", "60"),
                app(NQueens.class, "10", "14"),
                app(TextIndex.class, "600", "6000"),
                app(Interpreter.class, "4", "80"),
                withLibrary(new SampleApp("LorenzEnsemble", Program.sample(LorenzEnsemble.class, "2", "1"),
                        Program.sample(LorenzEnsemble.class, "60", "400"), true)));
    }

    /**
     * An app whose only argument is its size: {@code small} runs in a fraction of a second (it
     * still passes millions of safe points), {@code large} for a second or more.
     */
    private static SampleApp app(Class<?> main, String small, String large) {
        return new SampleApp(main.getSimpleName(), Program.sample(main, small), Program.sample(main, large), true);
    }

    /** The apps {@code -Dstasis.matrix.apps=A,B} names, or all of them. */
    static List<SampleApp> selected() {
        String names = System.getProperty(APPS_PROPERTY, "");
        if (names.isBlank()) {
            return all();
        }
        Set<String> wanted = Arrays.stream(names.split(",")).map(String::trim).collect(Collectors.toSet());
        List<SampleApp> apps = all().stream().filter(a -> wanted.contains(a.name())).collect(Collectors.toList());
        if (apps.size() != wanted.size()) {
            throw new IllegalArgumentException(APPS_PROPERTY + "=" + names + " names an app that does not exist; the apps"
                    + " are " + all().stream().map(SampleApp::name).collect(Collectors.toList()));
        }
        return apps;
    }

    /** LorenzEnsemble runs on Apache Commons Math: its jar joins the class path. */
    private static SampleApp withLibrary(SampleApp app) {
        String library = File.pathSeparator + jarOf(FirstOrderIntegrator.class);
        return new SampleApp(app.name,
                app.shortRun.withClassPath(app.shortRun.classPath() + library, "with commons-math3"),
                app.longRun.withClassPath(app.longRun.classPath() + library, "with commons-math3"),
                app.sameOnEveryCpu);
    }

    /** The jar a library class was loaded from. */
    static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
