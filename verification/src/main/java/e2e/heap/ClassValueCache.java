package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * Values a {@code ClassValue} of the program's own holds, as Groovy keeps its per-class metadata:
 * objects that cannot be computed again the same (each carries the number of the computation
 * that made it, and the program keeps the same objects elsewhere). After a restore, {@code get}
 * must return the very objects the program holds, without computing them again, for JDK classes,
 * the program's own classes and array classes; classes first asked for after the checkpoint are
 * computed then. The checkpoint is taken half-way. Two forms of {@code computeValue}: one returning its own type (javac adds a
 * bridge method) and one returning {@code Object}.
 *
 * <p>Arguments: rounds.
 */
public final class ClassValueCache {

    static final class Info {
        final String name;
        final int serial;
        int hits;

        Info(String name, int serial) {
            this.name = name;
            this.serial = serial;
        }
    }

    static int computed;

    static final ClassValue<Info> INFO = new ClassValue<>() {
        @Override
        protected Info computeValue(Class<?> type) {
            computed++;
            return new Info(type.getSimpleName(), computed);
        }
    };

    /** A named subclass whose computeValue returns Object. */
    static final class Tags extends ClassValue<Object> {
        @Override
        protected Object computeValue(Class<?> type) {
            computed++;
            return new StringBuilder(type.getName()).append('#').append(computed);
        }
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Class<?>[] types = {String.class, ClassValueCache.class, int[].class, Info.class, ArrayList.class};
        Class<?>[] later = {Long.class, Thread.class, Tags.class, String[].class, StringBuilder.class};
        List<Info> held = new ArrayList<>();
        for (Class<?> t : types) {
            held.add(INFO.get(t));
        }
        Tags tags = new Tags();
        Object tag = tags.get(Integer.class);
        for (int r = 0; r < rounds; r++) {
            if (r == rounds / 2) {
                Stasis.checkpoint();
            }
            int same = 0;
            int hits = 0;
            for (int i = 0; i < types.length; i++) {
                Info info = INFO.get(types[i]);
                if (info == held.get(i)) {
                    same++;
                }
                info.hits++;
                hits += info.hits;
            }
            Info extra = INFO.get(later[r % later.length]);
            System.out.println("round " + r + ": " + same + " of " + types.length + " values the same objects, "
                    + computed + " computed, hits " + hits + ", " + extra.name + " #" + extra.serial + ", tag "
                    + (tags.get(Integer.class) == tag ? "kept " : "lost ") + tag);
        }
    }
}
