package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which virtual calls may dispatch to a method an application class overrides, and so are call
 * sites. The answers for the JDK's classes must be the same on every JDK a checkpoint may move
 * between, or a frame written on one is refused on the other: they may not follow finality that
 * changed between versions.
 */
class ClassHierarchyTest {

    private final ClassHierarchy hierarchy = new ClassHierarchy(getClass().getClassLoader(), null);

    /** No subclass can exist outside this class: its one constructor is private. */
    static class PrivatelyBuilt {
        private PrivatelyBuilt() {
        }

        void work() {
        }

        /** A nestmate that does not extend it. */
        static final class Helper {
        }
    }

    /** Private constructors, but a nested class extends it and may be extended in turn. */
    static class ExtendedByItsNest {
        private ExtendedByItsNest() {
        }

        void work() {
        }

        static class Open extends ExtendedByItsNest {
            public Open() {
            }
        }
    }

    static class PubliclyBuilt {
        void work() {
        }

        final void fixed() {
        }
    }

    @Test
    void aClassWhoseConstructorsAreAllPrivateHasNoOverrides() {
        assertFalse(hierarchy.mayBeOverridden(internal(PrivatelyBuilt.class), "work", "()V"));
        assertFalse(hierarchy.mayBeOverridden("java/lang/Runtime", "addShutdownHook", "(Ljava/lang/Thread;)V"),
                "Runtime, final only since JDK 24 or so, never had a constructor anyone else could call");
    }

    @Test
    void aClassItsNestExtendsMayHaveOverrides() {
        assertTrue(hierarchy.mayBeOverridden(internal(ExtendedByItsNest.class), "work", "()V"));
    }

    @Test
    void finalMethodsAndFinalClassesHaveNoOverrides() {
        assertTrue(hierarchy.mayBeOverridden(internal(PubliclyBuilt.class), "work", "()V"));
        assertFalse(hierarchy.mayBeOverridden(internal(PubliclyBuilt.class), "fixed", "()V"));
        assertFalse(hierarchy.mayBeOverridden("java/lang/String", "length", "()I"));
        assertFalse(hierarchy.mayBeOverridden("java/lang/Enum", "ordinal", "()I"));
    }

    @Test
    void jdkClassesWhoseFinalityChangedBetweenVersionsCountAsOverridableOnEveryJdk() {
        assertTrue(hierarchy.mayBeOverridden("java/io/Console", "readLine", "()Ljava/lang/String;"),
                "final in JDK 17, sealed with a subclass in 25");
        assertTrue(hierarchy.mayBeOverridden("java/lang/Package", "getName", "()Ljava/lang/String;"),
                "final in JDK 25, not in 17");
    }

    private static String internal(Class<?> c) {
        return c.getName().replace('.', '/');
    }
}
