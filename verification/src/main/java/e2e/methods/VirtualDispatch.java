package e2e.methods;

import dev.stasis.Stasis;

/**
 * The checkpoint inside an overriding method reached by virtual dispatch from a template method
 * of an abstract class, the override itself calling {@code super}.
 */
public final class VirtualDispatch {

    public static void main(String[] args) {
        Shape[] shapes = {new Rect("rect", 3, 4), new Square("square", 5), new Triangle("triangle", 6, 7)};
        long total = 0;
        for (int i = 0; i < shapes.length; i++) {
            String line = shapes[i].describe();
            System.out.println(line);
            total += shapes[i].area();
        }
        System.out.println("total " + total);
    }

    /** An abstract class whose template method calls the abstract one. */
    abstract static class Shape {
        final String name;
        int described;

        Shape(String name) {
            this.name = name;
        }

        abstract long area();

        String describe() {
            described++;
            return name + " area=" + area() + " described=" + described;
        }
    }

    static class Rect extends Shape {
        final long w;
        final long h;

        Rect(String name, long w, long h) {
            super(name);
            this.w = w;
            this.h = h;
        }

        @Override
        long area() {
            return w * h;
        }
    }

    static final class Square extends Rect {
        private boolean checkpointed;

        Square(String name, long side) {
            super(name, side, side);
        }

        @Override
        long area() {
            long base = super.area();
            if (!checkpointed) {
                checkpointed = true;
                System.out.println("square before checkpoint, base=" + base);
                Stasis.checkpoint();
                System.out.println("square after checkpoint, base=" + base + " class=" + getClass().getSimpleName());
            }
            return base;
        }

        @Override
        String describe() {
            return "[" + super.describe() + "]";
        }
    }

    static final class Triangle extends Shape {
        final long b;
        final long h;

        Triangle(String name, long b, long h) {
            super(name);
            this.b = b;
            this.h = h;
        }

        @Override
        long area() {
            return b * h / 2;
        }
    }
}
