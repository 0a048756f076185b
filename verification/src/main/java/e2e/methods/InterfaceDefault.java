package e2e.methods;

import dev.stasis.Stasis;

/**
 * The checkpoint inside an interface default method, reached through an overriding default
 * method's {@code Interface.super} call, with private and static interface methods around it.
 */
public final class InterfaceDefault {

    public static void main(String[] args) {
        Greeter g = Greeter.loud("ada");
        System.out.println("greeting: " + g.greet(2));
        System.out.println("count: " + ((Person) g).count);
    }

    interface Greeter {
        String name();

        void counted();

        default String greet(int times) {
            counted();
            String base = decorate("hello " + name());
            System.out.println("default method before checkpoint: " + base);
            Stasis.checkpoint();
            System.out.println("default method after checkpoint: " + base + " name=" + name());
            return base.repeat(times);
        }

        private String decorate(String s) {
            return "<" + s + ">";
        }

        static Greeter loud(String name) {
            return new Person(name);
        }
    }

    interface LoudGreeter extends Greeter {
        @Override
        default String greet(int times) {
            counted();
            return Greeter.super.greet(times).toUpperCase();
        }
    }

    static final class Person implements LoudGreeter {
        private final String name;
        int count;

        Person(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void counted() {
            count++;
        }
    }
}
