package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Annotation instances, which the JDK makes as dynamic proxies and libraries keep in their
 * introspection caches (Jackson's AnnotationMap, keyed by annotation type), come back equal to
 * the originals, with every kind of member value, and shared where they were shared.
 */
class AnnotationsTest {

    @Retention(RetentionPolicy.RUNTIME)
    @interface Tag {
        String value();

        int weight() default 3;

        Class<?> kind() default Object.class;

        ElementType[] targets() default {};

        Deprecated[] notes() default {};
    }

    @Tag(value = "x", weight = 7, kind = String.class, targets = {ElementType.FIELD, ElementType.METHOD},
            notes = @Deprecated(since = "1", forRemoval = true))
    static final class Marked {
    }

    @Tag("defaults")
    static final class Plain {
    }

    @Test
    void annotationsComeBackEqualWithTheirMembersAndSharing() {
        Tag marked = Marked.class.getAnnotation(Tag.class);
        Tag plain = Plain.class.getAnnotation(Tag.class);
        Map<Class<?>, Object> cache = new HashMap<>();
        cache.put(Tag.class, marked);

        Object[] back = RoundTrip.copy(marked, plain, cache, marked);
        Tag marked2 = (Tag) back[0];
        assertEquals(marked, marked2);
        assertEquals(marked.hashCode(), marked2.hashCode());
        assertEquals(Tag.class, marked2.annotationType());
        assertEquals(7, marked2.weight());
        assertEquals(String.class, marked2.kind());
        assertArrayEquals(new ElementType[] {ElementType.FIELD, ElementType.METHOD}, marked2.targets());
        assertEquals("1", marked2.notes()[0].since());
        assertEquals(plain, back[1]);
        assertEquals(3, ((Tag) back[1]).weight(), "a default value");
        assertSame(marked2, ((Map<?, ?>) back[2]).get(Tag.class), "one object wherever it was referenced");
        assertSame(marked2, back[3]);
    }
}
