package e2e.generated;

import dev.stasis.Stasis;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin host: it compiles two plugins into a directory its class path does not name, keeps a
 * {@code URLClassLoader} over that directory and a loader of its own (with a cache of what it
 * loaded) in static fields, and loads the first plugin before the checkpoint, the second after
 * it, through the same loaders. The restored loaders must be the program's classes again, with
 * their names, URLs, parents and fields, and still find plugins in the directory.
 */
public final class PluginHost {

    /** What plugins implement, so the host calls them without reflection. */
    public interface Plugin {
        String run(int x);
    }

    static URLClassLoader host;
    static CachingLoader cache;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of("plugins"));
        compile(dir, "Doubler", "return \"doubled \" + (2 * x);");
        compile(dir, "Squarer", "return \"squared \" + (x * x);");
        host = new URLClassLoader("plugins", new URL[] {dir.toUri().toURL()}, PluginHost.class.getClassLoader());
        cache = new CachingLoader(host);
        Plugin first = cache.plugin("gen.Doubler");
        for (int x = 1; x <= 6; x++) {
            System.out.println(first.run(x));
            if (x == 3) {
                Stasis.checkpoint();
            }
        }
        Plugin second = cache.plugin("gen.Squarer");
        System.out.println(second.run(7) + ", " + cache.plugin("gen.Doubler").run(7));
        System.out.println("host " + host.getName() + " over " + host.getURLs().length + " directory, loader "
                + cache.getClass().getSimpleName() + " under " + (cache.getParent() == host ? "the host" : "another")
                + ", cached " + cache.loaded.keySet());
    }

    /** A loader of the program's own that keeps the plugins it made. */
    static final class CachingLoader extends ClassLoader {
        final Map<String, Plugin> loaded = new HashMap<>();

        CachingLoader(ClassLoader parent) {
            super("cache", parent);
        }

        Plugin plugin(String name) throws ReflectiveOperationException {
            Plugin p = loaded.get(name);
            if (p == null) {
                p = (Plugin) loadClass(name).getConstructor().newInstance();
                loaded.put(name, p);
            }
            return p;
        }
    }

    private static void compile(Path dir, String name, String body) throws Exception {
        Path source = dir.resolve(name + ".java");
        Files.writeString(source, "package gen; public class " + name + " implements e2e.generated.PluginHost.Plugin {"
                + " public String run(int x) { " + body + " } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // for Java 17, so that plugins compiled on a newer JDK load on 17 too
        int status = javac.run(null, null, null, "--release", "17", "-d", dir.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed on " + source);
        }
        Files.delete(source);
    }
}
