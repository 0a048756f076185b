package e2e.resources;

import dev.stasis.Stasis;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program computing with native methods of a JNI library (NativeLibraryTest compiles it from
 * verification/src/test/c), loaded the way libraries usually are: a loader class with a "loaded"
 * flag, called from the static initializer of the class that declares the native methods. The
 * checkpoint comes after the library is loaded and used: a restored JVM must load it again, for
 * itself, before the next native call, and must not believe the flag.
 */
public final class NativeLibrary {

    /** The library file: beside this module's compiled classes, where the test builds it. */
    static Path library() throws URISyntaxException {
        Path classes = Path.of(NativeLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.resolveSibling("native").resolve(System.mapLibraryName("stasise2e"));
    }

    /** Loads the library once per JVM, as JNI wrappers' loader classes do. */
    static final class Loader {
        static boolean loaded;
        static int loads;

        static synchronized void load() {
            if (loaded) {
                return;
            }
            try {
                Path file = library();
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("no native library at " + file);
                }
                System.load(file.toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            loaded = true;
            loads++;
        }
    }

    /** The native methods, bound to the library by the static initializer. */
    static final class Checksum {
        static {
            Loader.load();
        }

        static native long mix(long state, long value);
    }

    public static void main(String[] args) {
        long state = 17;
        for (int i = 0; i < 12; i++) {
            state = Checksum.mix(state, i * 31L);
            System.out.println("step " + i + " state " + Long.toHexString(state));
            if (i == 5) {
                Stasis.checkpoint();
            }
        }
        System.out.println("done, loads in this JVM: " + Loader.loads);
    }
}
