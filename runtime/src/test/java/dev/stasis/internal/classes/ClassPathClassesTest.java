package dev.stasis.internal.classes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import org.junit.jupiter.api.Test;

class ClassPathClassesTest {

    @Test
    void classesARestoringJvmLoadsByNameAreFound() {
        assertTrue(ClassPathClasses.found(ClassPathClassesTest.class));
        assertTrue(ClassPathClasses.found(String.class));
        assertTrue(ClassPathClasses.found(long.class));
        assertTrue(ClassPathClasses.found(ClassPathClassesTest[][].class));
    }

    @Test
    void aClassDefinedAtRunTimeInTheApplicationLoaderIsNot() throws Exception {
        Class<?> c = MethodHandles.lookup().defineClass(emptyClass("dev/stasis/internal/classes/DefinedAtRunTime"));
        assertFalse(ClassPathClasses.found(c));
        assertFalse(ClassPathClasses.found(Array.newInstance(c, 0).getClass()));
        assertTrue(ClassPathClasses.notFound(c).contains("dev.stasis.internal.classes.DefinedAtRunTime"));
    }

    @Test
    void aClassOfALoaderOfTheProgramsOwnIsLeftToTheCarriedClasses() throws Exception {
        byte[] bytes = emptyClass("gen/OwnLoaders");
        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("gen.OwnLoaders", bytes, 0, bytes.length);
            }
        }.define();
        assertTrue(ClassPathClasses.found(c));
    }

    /** A class file of a public class with no members (JVMS 4.1), Java 17. */
    private static byte[] emptyClass(String internalName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(61);
        out.writeShort(5);
        out.writeByte(1);
        out.writeUTF(internalName);
        out.writeByte(7);
        out.writeShort(1);
        out.writeByte(1);
        out.writeUTF("java/lang/Object");
        out.writeByte(7);
        out.writeShort(3);
        out.writeShort(0x0021);
        out.writeShort(2);
        out.writeShort(4);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        return bytes.toByteArray();
    }
}
