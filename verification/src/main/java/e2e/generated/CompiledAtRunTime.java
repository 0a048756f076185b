package e2e.generated;

import dev.stasis.Stasis;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Code the program compiles while it runs, as script engines do (Rhino's compiled mode, Groovy):
 * a class compiled with {@code javax.tools} into memory and defined by the program's own class
 * loader, which, like Rhino's, overrides {@code loadClass}. The checkpoint is taken inside the
 * compiled class's method, whose objects are also in the heap and in a static field; no restored
 * JVM can find that class on its class path, so the checkpoint must carry it. The program also
 * makes a JDK proxy of a package-private interface, whose class the JDK generates in this package.
 */
public final class CompiledAtRunTime {

    /** What the compiled class implements, so the program can call it without reflection. */
    public interface Step {
        long apply(long x);
    }

    static final String SOURCE = String.join("\n",
            "package gen;",
            "public class Accumulator implements e2e.generated.CompiledAtRunTime.Step {",
            "    private long total;",
            "    private final java.util.List<Long> seen = new java.util.ArrayList<>();",
            "    public long apply(long x) {",
            "        total += x;",
            "        seen.add(x);",
            "        if (x == 3) {",
            "            e2e.generated.CompiledAtRunTime.pause(\"in the compiled class, total \" + total);",
            "        }",
            "        return total * 31 + seen.size();",
            "    }",
            "}");

    static Step kept;

    interface Named {
        String name();
    }

    public static void main(String[] args) throws Exception {
        Class<?> compiled = new ScriptLoader(compile("gen.Accumulator", SOURCE)).loadClass("gen.Accumulator");
        kept = (Step) compiled.getConstructor().newInstance();
        Step other = (Step) compiled.getConstructor().newInstance();
        Named proxy = (Named) Proxy.newProxyInstance(Named.class.getClassLoader(), new Class<?>[] {Named.class},
                (p, method, arguments) -> "proxy");
        System.out.println(proxy.name());
        for (long x = 0; x < 5; x++) {
            System.out.println("step " + x + ": " + kept.apply(x) + " " + other.apply(x * 2) + " "
                    + kept.getClass().getName() + " " + (kept.getClass() == other.getClass()));
        }
    }

    public static void pause(String where) {
        System.out.println("checkpoint " + where);
        Stasis.checkpoint();
        System.out.println("resumed " + where);
    }

    /** Defines the compiled classes itself and delegates every other name, as script engines' loaders do. */
    static final class ScriptLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ScriptLoader(Map<String, byte[]> classes) {
            super(CompiledAtRunTime.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] b = classes.get(name);
                    c = b != null ? defineClass(name, b, 0, b.length) : getParent().loadClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** The class files javac makes of {@code source}, by binary name. */
    static Map<String, byte[]> compile(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "--release", "17");
        if (!javac.getTask(null, files, null, options, null, List.of(unit)).call()) {
            throw new IllegalStateException("the compiled source has errors");
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }
}
