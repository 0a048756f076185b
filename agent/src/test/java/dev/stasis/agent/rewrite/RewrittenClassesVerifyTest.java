package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Every class the rewriter changes must pass ASM's bytecode checker with full data-flow
 * verification: real third-party code (ASM, Kryo, JUnit, picocli, as shipped on Maven Central)
 * and this project's own test classes.
 */
class RewrittenClassesVerifyTest {

    private final ClassLoader loader = getClass().getClassLoader();
    private final ClassInstrumenter instrumenter =
            new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), null);

    @Test
    void thirdPartyLibrariesVerifyAfterRewriting() throws Exception {
        int rewritten = 0;
        List<String> failures = new ArrayList<>();
        for (String marker : new String[] {"org/objectweb/asm/ClassReader.class",
            "com/esotericsoftware/kryo/Kryo.class", "org/junit/jupiter/api/Test.class", "picocli/CommandLine.class"}) {
            Path jar = Path.of(loader.getResource(marker).toURI().getSchemeSpecificPart().replaceFirst("^file:", "")
                    .replaceFirst("!/.*$", ""));
            try (JarFile jf = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> entries = jf.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (!e.getName().endsWith(".class") || e.getName().contains("module-info")
                            || e.getName().startsWith("META-INF")) {
                        continue;
                    }
                    try (InputStream in = jf.getInputStream(e)) {
                        rewritten += check(in.readAllBytes(), failures);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " classes fail verification, e.g.:\n"
                + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
        assertTrue(rewritten > 400, "expected many rewritten classes, got " + rewritten);
    }

    @Test
    void ownTestClassesVerifyAfterRewriting() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> failures = new ArrayList<>();
        try (var files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                check(Files.readAllBytes(p), failures);
            }
        }
        assertEquals(List.of(), failures);
    }

    private int check(byte[] original, List<String> failures) {
        byte[] rewritten;
        try {
            rewritten = instrumenter.rewrite(loader, original);
        } catch (RuntimeException e) {
            failures.add(new ClassReader(original).getClassName() + ": rewrite failed: " + e);
            return 0;
        }
        if (rewritten == null) {
            return 0;
        }
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(rewritten), loader, false, new PrintWriter(report));
        // The checker loads the classes it reasons about; JUnit's Kotlin helpers refer to Kotlin,
        // which is not on this class path, so for those it cannot judge either way.
        if (!report.toString().isEmpty() && !report.toString().contains("ClassNotFoundException: kotlin.")) {
            failures.add(new ClassReader(original).getClassName() + ":\n" + report.toString().lines().limit(12)
                    .reduce("", (a, b) -> a + "\n" + b));
        }
        return 1;
    }
}
