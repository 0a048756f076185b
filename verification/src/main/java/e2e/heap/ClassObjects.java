package e2e.heap;

import dev.stasis.Stasis;
import java.util.HashMap;
import java.util.Map;

/**
 * Class objects held across the checkpoint are the restored JVM's own: application, JDK,
 * primitive and array classes, also as keys of a HashMap (whose identity hash codes change).
 */
public final class ClassObjects {

    static final class Widget {
    }

    static Class<?> stored = Widget.class;

    public static void main(String[] args) {
        Class<?> self = ClassObjects.class;
        Class<?> jdk = String.class;
        Class<?> primitive = int.class;
        Class<?> array = String[][].class;
        Object widget = new Widget();
        Map<Class<?>, String> byClass = new HashMap<>();
        byClass.put(self, "self");
        byClass.put(jdk, "string");
        byClass.put(primitive, "int");
        byClass.put(Widget.class, "widget");
        System.out.println("before: " + self.getName() + " " + jdk.getName() + " " + primitive + " " + array.getName());
        Stasis.checkpoint();
        System.out.println("after: " + self.getName() + " " + jdk.getName() + " " + primitive + " " + array.getName());
        System.out.println("identity: " + (self == ClassObjects.class) + " " + (jdk == String.class) + " "
                + (primitive == Integer.TYPE) + " " + (array.getComponentType() == String[].class) + " "
                + (stored == widget.getClass()));
        System.out.println("instanceOf: " + stored.isInstance(widget) + " " + jdk.isInstance("s"));
        System.out.println("map lookups: " + byClass.get(ClassObjects.class) + " " + byClass.get(String.class) + " "
                + byClass.get(int.class) + " " + byClass.get(Widget.class) + " size=" + byClass.size());
    }
}
