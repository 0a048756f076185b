package e2e.constructors;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint with constructors on the stack: in a constructor body after {@code super()}
 * returned and {@code this} was stored elsewhere ("body"), inside the arguments of
 * {@code super(...)} ("superArgs") and of {@code this(...)} ("thisArgs"), in an argument of
 * {@code new X(...)} ("newArg"), and in a base-class constructor's body while a subclass's
 * constructor waits for it ("baseBody").
 */
public final class Constructors {

    public static void main(String[] args) {
        switch (args[0]) {
            case "body": {
                Registered obj = new Registered(7);
                System.out.println("list.get(0) == obj: " + (Registered.ALL.get(0) == obj));
                System.out.println("obj " + obj.id + " " + obj.name + " " + obj.stamp + " list size " + Registered.ALL.size());
                break;
            }
            case "superArgs": {
                Base b = new FromSuperArgs(5);
                System.out.println("constructed " + b + " class " + b.getClass().getSimpleName());
                break;
            }
            case "thisArgs": {
                FromThisArgs t = new FromThisArgs(6);
                System.out.println("constructed " + t.a + " " + t.b + " " + t.note);
                break;
            }
            case "newArg": {
                List<Pair> pairs = new ArrayList<>();
                String prefix = "p";
                pairs.add(new Pair(new Pair(prefix, 1).toString(), compute(4)));
                System.out.println("pairs " + pairs);
                break;
            }
            case "baseBody": {
                Derived d = new Derived(3);
                System.out.println("list.get(0) == obj: " + (Counted.CREATED.get(0) == d));
                System.out.println("derived " + d.kind + " " + d.size + " " + d.note + " " + d.getClass().getSimpleName());
                break;
            }
            default:
                throw new IllegalArgumentException("unknown case " + args[0]);
        }
    }

    static int compute(int a) {
        System.out.println("computing an argument from " + a);
        Stasis.checkpoint();
        System.out.println("argument computed from " + a);
        return a * 2;
    }

    /** Stores {@code this} in a static list before the checkpoint; writes a final field after it. */
    static final class Registered {
        static final List<Registered> ALL = new ArrayList<>();
        final int id;
        final long stamp;
        String name;

        Registered(int id) {
            super();
            this.id = id;
            ALL.add(this);
            System.out.println("constructor body before checkpoint, id=" + id + " registered=" + ALL.size());
            Stasis.checkpoint();
            this.stamp = id * 1000L;
            this.name = "n" + id;
            System.out.println("constructor body after checkpoint, name=" + name + " same="
                    + (ALL.get(0) == this));
        }
    }

    static class Base {
        final int value;
        final String tag;

        Base(int value, String tag) {
            this.value = value;
            this.tag = tag;
            System.out.println("Base(" + value + ", " + tag + ")");
        }

        @Override
        public String toString() {
            return tag + ":" + value;
        }
    }

    static final class FromSuperArgs extends Base {
        final int extra;

        FromSuperArgs(int a) {
            super(compute(a), "tag" + a);
            extra = a + 1;
            System.out.println("FromSuperArgs body, extra=" + extra);
        }

        @Override
        public String toString() {
            return super.toString() + "+" + extra;
        }
    }

    static final class FromThisArgs {
        final int a;
        final int b;
        final String note;

        FromThisArgs(int a) {
            this(a, compute(a));
            System.out.println("FromThisArgs(int) body after this(...)");
        }

        FromThisArgs(int a, int b) {
            this.a = a;
            this.b = b;
            this.note = "a=" + a + ",b=" + b;
            System.out.println("FromThisArgs(int, int) body");
        }
    }

    static final class Pair {
        final String left;
        final int right;

        Pair(String left, int right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public String toString() {
            return "(" + left + "," + right + ")";
        }
    }

    /** A base class whose constructor registers {@code this} and then reaches the checkpoint. */
    static class Counted {
        static final List<Counted> CREATED = new ArrayList<>();
        final String kind;

        Counted(String kind) {
            this.kind = kind;
            CREATED.add(this);
            System.out.println("base constructor before checkpoint, kind=" + kind);
            Stasis.checkpoint();
            System.out.println("base constructor after checkpoint, same=" + (CREATED.get(0) == this));
        }
    }

    static final class Derived extends Counted {
        final int size;
        String note = "field initializer ran";

        Derived(int size) {
            super("derived");
            this.size = size;
            System.out.println("Derived body, size=" + size + " note=" + note);
        }
    }
}
