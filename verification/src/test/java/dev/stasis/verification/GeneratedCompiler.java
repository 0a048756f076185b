package dev.stasis.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a generated program in this JVM with the system Java compiler, {@code --release 17},
 * into a directory a child JVM then runs it from. The source is written next to the classes so a
 * failure can be read and replayed.
 */
final class GeneratedCompiler {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private GeneratedCompiler() {
    }

    /**
     * Writes {@code program}'s source to {@code dir/gen/<name>.java} and compiles it into
     * {@code dir/classes}; returns that class directory, or empty with the errors in {@code errors}.
     */
    static Optional<Path> compile(GeneratedProgram program, Path dir, StringBuilder errors) {
        if (JAVAC == null) {
            throw new IllegalStateException("no Java compiler in this JVM (" + System.getProperty("java.home")
                    + "): run the tests on a JDK, not a JRE");
        }
        String source = program.source();
        Path classes = dir.resolve("classes");
        try {
            Files.createDirectories(classes);
            Path file = dir.resolve("gen").resolve(program.simpleName() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaFileObject unit = new SimpleJavaFileObject(
                    URI.create("string:///gen/" + program.simpleName() + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("--release", "17", "-nowarn", "-Xlint:none", "-d", classes.toString());
            boolean ok = JAVAC.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
            if (ok) {
                return Optional.of(classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        errors.append(diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n")));
        return Optional.empty();
    }
}
