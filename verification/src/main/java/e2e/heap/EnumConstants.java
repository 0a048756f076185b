package e2e.heap;

import dev.stasis.Stasis;
import java.util.EnumMap;
import java.util.EnumSet;

/**
 * Enum constants stay the very constants of the restored JVM ({@code ==}, switch, EnumMap and
 * EnumSet work), keep the values of their mutable fields, and constants with their own class
 * bodies keep their behaviour.
 */
public final class EnumConstants {

    enum Color {
        RED(1), GREEN(2), BLUE(3);

        final int code;
        int hits;
        String note;

        Color(int code) {
            this.code = code;
        }
    }

    enum Op {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        },
        MINUS {
            @Override
            int apply(int a, int b) {
                return a - b;
            }
        };

        abstract int apply(int a, int b);
    }

    static Color favourite;

    public static void main(String[] args) {
        Color c = Color.GREEN;
        Color.RED.hits = 5;
        Color.GREEN.note = "noted";
        Color[] array = {Color.BLUE, Color.RED};
        favourite = Color.BLUE;
        EnumMap<Color, Integer> map = new EnumMap<>(Color.class);
        map.put(Color.RED, 10);
        map.put(Color.BLUE, 30);
        EnumSet<Color> set = EnumSet.of(Color.GREEN, Color.BLUE);
        Op op = Op.MINUS;
        System.out.println("before: " + describe(c, array, map, set, op));
        Stasis.checkpoint();
        System.out.println("after: " + describe(c, array, map, set, op));
        System.out.println("identity: " + (c == Color.GREEN) + " " + (array[0] == Color.BLUE) + " " + (array[1] == Color.RED)
                + " " + (favourite == Color.BLUE) + " " + (Color.valueOf("RED") == array[1]) + " " + (op == Op.MINUS));
        System.out.println("fields: RED.hits=" + Color.RED.hits + " GREEN.note=" + Color.GREEN.note + " codes="
                + Color.RED.code + Color.GREEN.code + Color.BLUE.code);
        System.out.println("lookups: map.get(RED)=" + map.get(Color.RED) + " set.contains(BLUE)=" + set.contains(Color.BLUE)
                + " set.contains(RED)=" + set.contains(Color.RED) + " compare=" + c.compareTo(Color.BLUE));
        switch (c) {
            case RED:
                System.out.println("switch: red");
                break;
            case GREEN:
                System.out.println("switch: green");
                break;
            default:
                System.out.println("switch: other");
        }
        Color.RED.hits++;
        map.put(Color.GREEN, 20);
        set.add(Color.RED);
        System.out.println("changed: " + describe(c, array, map, set, op));
    }

    static String describe(Color c, Color[] array, EnumMap<Color, Integer> map, EnumSet<Color> set, Op op) {
        return c + " " + c.ordinal() + " " + array[0] + "," + array[1] + " " + map + " " + set + " " + op + " "
                + op.apply(5, 3) + " hits=" + Color.RED.hits;
    }
}
