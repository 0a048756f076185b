package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which class files checkpoints carry: those the program's own class loaders define, and of those
 * not the JDK's own generated classes (reflection accessors in loaders of their own), proxies,
 * lambdas or Stasis's classes; excluded packages are carried all the same.
 */
class InstrumentationScopeTest {

    private final InstrumentationScope scope = new InstrumentationScope(List.of(), List.of("com.acme.excluded"));

    @Test
    void classesOfTheProgramsOwnLoadersAreCarried() throws Exception {
        try (URLClassLoader own = new URLClassLoader(new URL[0])) {
            assertTrue(scope.isCarried(own, "org/mozilla/javascript/gen/script_1"));
            assertTrue(scope.isCarried(own, "Script1"), "the unnamed package");
            assertTrue(scope.isCarried(own, "com/acme/excluded/Plugin"), "not rewritten, still needed");
            assertFalse(scope.isCarried(own, "jdk/internal/reflect/GeneratedSerializationConstructorAccessor12"));
            assertFalse(scope.isCarried(own, "jdk/proxy1/$Proxy3"));
            assertFalse(scope.isCarried(own, "com/acme/Main$$Lambda$14"));
            assertFalse(scope.isCarried(own, "dev/stasis/internal/Anything"));
            assertFalse(scope.isCarried(own, null));
        }
    }

    @Test
    void classesOfTheJvmsOwnLoadersAreNot() {
        assertFalse(scope.isCarried(ClassLoader.getSystemClassLoader(), "com/acme/Main"));
        assertFalse(scope.isCarried(ClassLoader.getPlatformClassLoader(), "java/sql/Date"));
        assertFalse(scope.isCarried(null, "java/lang/String"));
    }
}
