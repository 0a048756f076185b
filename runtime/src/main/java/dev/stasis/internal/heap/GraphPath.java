package dev.stasis.internal.heap;

import dev.stasis.internal.capture.FrameRecord;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * The chain of objects from the current root to the object being written, kept as a plain stack
 * (no per-field bookkeeping), so that a refusal can name the path in the graph:
 * {@code root[2] (frame com.acme.Main.run) .cache -> java.util.HashMap value for key "x" -> java.net.Socket}.
 * How each object is reached from its parent is worked out only when the message is built.
 * Also carries, per level, the bytes written by children, for the histogram's own-bytes figure.
 */
final class GraphPath {

    /** How many entries of a map or collection a refusal's message looks through for the next step. */
    private static final int SEARCH_LIMIT = 1_000_000;

    private Object[] stack = new Object[64];
    private long[] childBytes = new long[64];
    private int depth;
    private int root = -1;
    private String[] rootNames = new String[0];

    void nameRoots(String[] names) {
        rootNames = names.clone();
    }

    void startRoot(int index) {
        root = index;
        depth = 0;
        childBytes[0] = 0;
    }

    void push(Object o) {
        if (depth + 1 >= stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
            childBytes = Arrays.copyOf(childBytes, childBytes.length * 2);
        }
        stack[depth++] = o;
        childBytes[depth] = 0;
    }

    /** Pops the current object; returns the bytes its children took. */
    long pop() {
        long c = childBytes[depth];
        stack[--depth] = null;
        return c;
    }

    void addChildBytes(long bytes) {
        childBytes[depth] += bytes;
    }

    UncheckpointableObjectException refuse(Object object, String reason) {
        StringBuilder p = new StringBuilder(root >= 0 ? "root[" + root + "]" : "a late-bound reference");
        boolean named = root >= 0 && root < rootNames.length && rootNames[root] != null;
        if (named) {
            p.append(" (").append(rootNames[root]).append(')');
        }
        Object[] chain = Arrays.copyOf(stack, depth + 1);
        chain[depth] = object;
        for (int i = 0; i < chain.length; i++) {
            Object o = chain[i];
            if (i == 0 && o instanceof FrameRecord) {
                p.append(" (frame ").append(frameName(((FrameRecord) o).method())).append(')');
                continue;
            }
            if (i == 0 && named && chain.length > 1) {
                continue;
            }
            String step = i == 0 ? "" : step(chain[i - 1], o);
            if (!step.isEmpty()) {
                p.append(' ').append(step);
            }
            p.append(" -> ").append(describeClass(o));
        }
        String path = p.toString();
        return new UncheckpointableObjectException("Cannot checkpoint an object of class " + object.getClass().getName()
                + ", reached from " + path + ": " + reason + " Make the object unreachable from the checkpointed"
                + " state before the checkpoint: for instance close it and clear the reference in"
                + " CheckpointListener.beforeCheckpoint(), and re-create it in afterRestore().", root);
    }

    private static String describeClass(Object o) {
        return o.getClass().getTypeName().replaceAll("/0x[0-9a-f]+$", "");
    }

    static String frameName(String methodKey) {
        int paren = methodKey.indexOf('(');
        String owner = paren < 0 ? methodKey : methodKey.substring(0, paren);
        return owner.replace('/', '.') + "(...)";
    }

    /** How {@code child} is reached from {@code parent}, in words; best effort. */
    private static String step(Object parent, Object child) {
        try {
            if (parent instanceof FrameRecord) {
                Object[] refs = ((FrameRecord) parent).refs();
                for (int i = 0; i < refs.length; i++) {
                    if (refs[i] == child) {
                        return "local/stack reference #" + i;
                    }
                }
                return "";
            }
            if (parent.getClass().isArray() && !parent.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(parent); i++) {
                    if (Array.get(parent, i) == child) {
                        return "[" + i + "]";
                    }
                }
            }
            // Only the JDK's own maps and collections are searched, and only so far: an application's
            // (a script engine's lazy or endless sequence) would run its code on this thread, which
            // is Stasis's, for as long as it takes.
            boolean searchable = Classifier.isJdk(parent.getClass());
            if (searchable && parent instanceof Map) {
                int seen = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) parent).entrySet()) {
                    if (++seen > SEARCH_LIMIT) {
                        break;
                    }
                    if (e.getValue() == child) {
                        return "value for key " + show(e.getKey());
                    }
                    if (e.getKey() == child) {
                        return "key";
                    }
                }
            }
            if (searchable && parent instanceof Collection) {
                int i = 0;
                for (Object e : (Collection<?>) parent) {
                    if (i > SEARCH_LIMIT) {
                        break;
                    }
                    if (e == child) {
                        return "element #" + i;
                    }
                    i++;
                }
            }
            for (Class<?> c = parent.getClass(); c != null && !Classifier.isJdk(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!f.getType().isPrimitive() && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        if (f.get(parent) == child) {
                            return "." + f.getName();
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the path stays less precise
        }
        return "";
    }

    private static String show(Object key) {
        if (key instanceof String) {
            String s = (String) key;
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (key == null || key instanceof Number || key instanceof Enum || key instanceof Character || key instanceof Boolean) {
            return String.valueOf(key);
        }
        return "(a " + key.getClass().getName() + ")";
    }
}
