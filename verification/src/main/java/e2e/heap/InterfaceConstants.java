package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * An interface's static fields, which must stay {@code public static final} (JVMS 4.5): a
 * sentinel object that the program compares with {@code ==} (Choco's empty list of propagators is
 * such a one), a mutable list, a value computed by the initializer and a constant. The
 * interface's initializer ran before the checkpoint and must not run (and print) again after the
 * restore; the objects its fields hold are those the restored heap refers to, in the state they
 * were in. An interface first used after the restore initializes then.
 */
public final class InterfaceConstants {

    interface Slots {
        Slots EMPTY = new Slots() {
            @Override
            public Slots add(String item) {
                throw new UnsupportedOperationException("the empty slots are shared");
            }

            @Override
            public int size() {
                return 0;
            }
        };
        List<String> LOG = new ArrayList<>(List.of(init()));
        long SEED = System.identityHashCode(LOG) | 1L << 40;
        String NAME = "slots";

        private static String init() {
            System.out.println("Slots initialized");
            return "created";
        }

        Slots add(String item);

        int size();
    }

    static final class Filled implements Slots {
        private final List<String> items = new ArrayList<>();

        @Override
        public Slots add(String item) {
            items.add(item);
            return this;
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    interface Late {
        List<String> SEEN = new ArrayList<>(List.of(seen()));

        private static String seen() {
            System.out.println("Late initialized, Slots.LOG=" + Slots.LOG);
            return "late";
        }
    }

    /** As the solver links a variable: an empty slot is replaced before its first item. */
    static Slots add(Slots[] slots, int i, String item) {
        if (slots[i] == Slots.EMPTY) {
            slots[i] = new Filled();
        }
        return slots[i].add(item);
    }

    public static void main(String[] args) {
        Slots[] slots = {Slots.EMPTY, Slots.EMPTY, Slots.EMPTY};
        add(slots, 0, "a");
        Slots.LOG.add("before");
        long seed = Slots.SEED;
        System.out.println("before checkpoint: sizes " + slots[0].size() + " " + slots[1].size() + " log " + Slots.LOG);
        Stasis.checkpoint();
        add(slots, 1, "b");
        add(slots, 1, "c");
        Slots.LOG.add("after");
        System.out.println("after checkpoint: sizes " + slots[0].size() + " " + slots[1].size() + " " + slots[2].size()
                + " still empty " + (slots[2] == Slots.EMPTY) + " log " + Slots.LOG + " same seed " + (seed
                == Slots.SEED) + " name " + Slots.NAME);
        System.out.println("Late.SEEN=" + Late.SEEN);
    }
}
