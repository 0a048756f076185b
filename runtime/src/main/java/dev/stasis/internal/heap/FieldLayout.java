package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash of an application class's instance-field layout (its own fields and those of its
 * application superclasses: names and types, in the order the heap writes them), written with
 * the class's name. A class whose fields changed between checkpoint and restore would otherwise
 * be read silently wrong; with it the restore stops and names the class.
 */
final class FieldLayout {

    private FieldLayout() {
    }

    /**
     * The layout hash; from heap format 3 on ({@code withIdentityHash}) it also says whether the
     * class's instances are followed by their identity hash code ({@link HeapRegistration#identityHashed}),
     * which a class that gained or lost its own hashCode changed.
     */
    static int of(Class<?> type, boolean withIdentityHash) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && !Classifier.isJdk(c); c = c.getSuperclass()) {
            chain.add(0, c);
        }
        StringBuilder sb = new StringBuilder();
        for (Class<?> c : chain) {
            List<String> names = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    names.add(f.getName() + ":" + f.getType().descriptorString());
                }
            }
            names.sort(null);
            sb.append(c.getName()).append('{');
            for (String n : names) {
                sb.append(n).append(';');
            }
            sb.append('}');
        }
        if (withIdentityHash && IdentityHashes.identityBased(type)) {
            sb.append("#identityHashCode");
        }
        return sb.toString().hashCode();
    }
}
