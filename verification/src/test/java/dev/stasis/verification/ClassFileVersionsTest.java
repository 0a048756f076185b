package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Class files of every Java version the agent meets, from Java 8 to 25, are rewritten into code
 * the JVM's verifier accepts and that behaves the same: one program, compiled with
 * {@code --release 8, 11, 17} (and 21 and 25 with a JDK 25 compiler, adding records, sealed types,
 * switch patterns and record patterns), run under the agent with a checkpoint taken and continued
 * half-way ({@code at=N}), prints what it prints without the agent, and the agent reports no class
 * it had to leave alone.
 */
class ClassFileVersionsTest {

    /** Constructs every version compiles: nestmates, string concatenation, lambdas, switches, try-with-resources. */
    private static final String COMMON = """
            package versions;

            import java.util.*;
            import java.util.function.*;

            public class Program {
                interface Shape { double area(); default String describe() { return getClass().getSimpleName() + " " + area(); } }
                static final class Square implements Shape { private final int side; Square(int s) { side = s; } public double area() { return side * side; } }
                static final class Circle implements Shape { private final int r; Circle(int r) { this.r = r; } public double area() { return 3 * r * r; } }
                private int secret = 7;
                class Inner { int peek() { return secret * 2; } }
                enum Color { RED, GREEN, BLUE }
                static class Resource implements AutoCloseable { final String name; Resource(String n) { name = n; } public void close() { System.out.println("closed " + name); } }

                static long work(int n) {
                    long acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc = acc * 31 + i;
                        if (i %% 7 == 0) { acc ^= i; }
                    }
                    return acc;
                }

                static String kind(Object o) {
                    %s
                }

                static int colorCode(Color c) {
                    switch (c) { case RED: return 1; case GREEN: return 2; default: return 3; }
                }

                public static void main(String[] args) throws Exception {
                    List<Shape> shapes = new ArrayList<>(Arrays.asList(new Square(3), new Circle(2), new Square(5)));
                    Function<Shape, String> f = Shape::describe;
                    for (Shape s : shapes) {
                        System.out.println(f.apply(s) + " work=" + work(2000 + (int) s.area()));
                    }
                    Program p = new Program();
                    System.out.println("inner " + p.new Inner().peek());
                    StringBuilder sb = new StringBuilder();
                    for (Color c : Color.values()) { sb.append(c).append('=').append(colorCode(c)).append(' '); }
                    System.out.println(sb.toString().trim());
                    String s = "two";
                    switch (s) { case "one": System.out.println("1"); break; case "two": System.out.println("2 " + work(3000)); break; default: break; }
                    try (Resource r = new Resource("a")) {
                        System.out.println("using " + r.name + " " + work(1000));
                    }
                    Supplier<Integer> sum = () -> shapes.stream().mapToInt(x -> (int) x.area()).sum();
                    System.out.println("sum " + sum.get() + " " + kind(shapes.get(1)) + " " + kind("text") + " " + kind(42));
                    synchronized (p) { System.out.println("locked " + Thread.holdsLock(p) + " " + work(500)); }
                    %s
                }
            }
            """;

    private static final String KIND_CLASSIC = "if (o instanceof Shape) { return \"shape\"; } "
            + "if (o instanceof String) { return \"string \" + ((String) o).length(); } return \"other\";";
    private static final String KIND_PATTERNS = "return switch (o) { case Shape sh when sh.area() > 10 -> \"big shape\"; "
            + "case Shape sh -> \"shape\"; case String str -> \"string \" + str.length(); default -> \"other\"; };";
    private static final String EXTRA_NONE = "";
    private static final String EXTRA_RECORDS = "record Point(int x, int y) {} "
            + "Object o = new Point(3, 4); "
            + "if (o instanceof Point(int x, int y)) { System.out.println(\"point \" + (x * y) + \" \" + work(700)); }";

    @TestFactory
    Stream<DynamicTest> everyClassFileVersion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int release : new int[] {8, 11, 17, 21, 25}) {
            tests.add(Scenario.named("class files of Java " + release, () -> run(release)));
        }
        return tests.stream();
    }

    private static void run(int release) throws IOException, InterruptedException {
        Jdk jdk = release <= 17 ? Jdks.oldest() : Jdks.newest();
        if (jdk.major() < release) {
            System.err.println("[stasis-verification] no JDK " + release + " compiler here: class files of Java "
                    + release + " not tested");
            return;
        }
        Path work = Artifacts.workDir("class-file-versions/java" + release);
        Path classes = compile(work, jdk, release);
        Program program = new Program("versions.Program", List.of(), classes.toString(), "Java " + release);
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = JvmRun.plain("plain", jdk, program).run(work);
        runs.add(plain);
        Scenario.expectExit(plain, 0, runs);
        // A checkpoint-and-continue in the middle of the run (how many safe points it passes depends
        // on the rewriting, so the agent is asked).
        long middle = Math.max(1, SafePoints.count(program, jdk) / 2);
        JvmResult agent = JvmRun.withAgent("agent", jdk, program,
                "dir=" + work.resolve("ckpt") + ",at=" + middle + ",log=debug").run(work);
        runs.add(agent);
        Scenario.expectExit(agent, 0, runs);
        assertEquals(plain.stdout(), agent.stdout(), "output under the agent" + Scenario.describe(runs));
        assertFalse(agent.stderr().contains("is left as it is") || agent.stderr().contains("not instrumented:"),
                "every class and method was rewritten" + Scenario.describe(runs));
        assertEquals(1, Scenario.checkpointFiles(work.resolve("ckpt")).size(),
                "one checkpoint taken at safe point " + middle + Scenario.describe(runs));
    }

    private static Path compile(Path work, Jdk jdk, int release) throws IOException, InterruptedException {
        boolean modern = release >= 21;
        String source = String.format(COMMON, modern ? KIND_PATTERNS : KIND_CLASSIC, modern ? EXTRA_RECORDS : EXTRA_NONE);
        Path src = work.resolve("src/versions/Program.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        Path javac = jdk.home().resolve("bin/javac");
        Process p = new ProcessBuilder(javac.toString(), "--release", Integer.toString(release), "-nowarn",
                "-Xlint:-options", "-d", classes.toString(), src.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "javac --release " + release + " failed:\n" + out);
        return classes;
    }
}
