package dev.stasis.internal.resume;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * While a thread re-enters its frames, an instrumented method entered by anything but the frame
 * re-issuing its call (the JVM asking a class loader of the program for a class, a bootstrap
 * method, what those call) runs as usual instead of failing the resume.
 */
class ImplicitEntryTest {

    private static final String REISSUING = "dev/stasis/internal/resume/ImplicitEntryTest.reissue()Z";

    @Test
    void theCallTheFrameBelowReissuesIsNotImplicit() {
        assertFalse(reissue());
    }

    @Test
    void aMethodSomethingElseCalledIsImplicit() {
        assertTrue(callee(), "called by the test, not by the frame re-issuing its call");
    }

    @Test
    void aBaseFrameIsNeverImplicit() {
        assertFalse(ImplicitEntry.test(null));
    }

    @Test
    void loadClassOfTheProgramsOwnLoaderIsImplicit() throws ClassNotFoundException {
        ProgramLoader loader = new ProgramLoader();
        loader.loadClass("some.Generated");
        assertTrue(loader.implicit, "the JVM calls loadClass(String) to resolve a name, which calls this one");
    }

    private boolean reissue() {
        return callee();
    }

    private boolean callee() {
        return ImplicitEntry.test(REISSUING);
    }

    private static final class ProgramLoader extends ClassLoader {
        boolean implicit;

        ProgramLoader() {
            super(ImplicitEntryTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals("some.Generated")) {
                implicit = ImplicitEntry.test(REISSUING);
                return String.class;
            }
            return super.loadClass(name, resolve);
        }
    }
}
