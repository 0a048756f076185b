package e2e.control;

import dev.stasis.Stasis;

/**
 * The checkpoint inside a case of a switch on ints (dense and sparse), strings and enums, and of a
 * switch expression; the argument picks which. "string-first": a switch on a string as a method's
 * first statement, where javac's copies of the string and of the case number are locals written
 * before the method's first call, whose slots later locals reuse with other types.
 */
public final class Switches {

    enum Planet { MERCURY, VENUS, EARTH, MARS }

    public static void main(String[] args) {
        String kind = args[0];
        for (int round = 0; round < 3; round++) {
            String r;
            switch (kind) {
                case "int":
                    r = dense(round + 2);
                    break;
                case "sparse":
                    r = sparse(round == 1 ? 1_000_000 : round);
                    break;
                case "string":
                    r = strings(new String[] {"alpha", "beta", "gamma"}[round]);
                    break;
                case "string-first":
                    r = command(new String[] {"stop", "go", "wait"}[round]);
                    break;
                case "enum":
                    r = planets(Planet.values()[round + 1]);
                    break;
                case "expression":
                    r = expression(round);
                    break;
                default:
                    throw new IllegalArgumentException("unknown case " + kind);
            }
            System.out.println("round " + round + ": " + r);
        }
    }

    static String dense(int k) {
        int local = k * 10;
        switch (k) {
            case 0:
                return "zero";
            case 1:
            case 2:
                return "small " + local;
            case 3: {
                String s = "three";
                point(s + " " + local);
                return s + "!" + local;
            }
            case 4:
                return "four";
            default:
                return "other " + local;
        }
    }

    static String sparse(int k) {
        switch (k) {
            case -1000:
                return "minus";
            case 0:
                return "zero";
            case 1_000_000: {
                long big = k * 3L;
                point("million " + big);
                return "million " + big;
            }
            default:
                return "other " + k;
        }
    }

    static String strings(String s) {
        int len = s.length();
        switch (s) {
            case "alpha":
                return "first " + len;
            case "beta": {
                String upper = s.toUpperCase();
                point(upper);
                return upper + " " + len;
            }
            case "gamma":
                return "third " + len;
            default:
                return "unknown";
        }
    }

    static String command(String word) {
        int code;
        switch (word) {
            case "stop":
                code = 0;
                break;
            case "go":
                code = 1;
                break;
            default:
                code = 2;
        }
        int length = word.length();
        if (code == 1) {
            point("command " + word + " " + length);
        }
        return code + " " + length;
    }

    static String planets(Planet p) {
        switch (p) {
            case MERCURY:
                return "hot";
            case VENUS:
                return "cloudy";
            case EARTH: {
                int ordinal = p.ordinal();
                point("home " + ordinal);
                return "home " + ordinal + " " + (p == Planet.EARTH);
            }
            default:
                return "far " + p;
        }
    }

    static String expression(int round) {
        String text = "r" + round;
        int value = switch (round) {
            case 0 -> 10;
            case 1 -> {
                point("expression " + text);
                yield 20 + text.length();
            }
            default -> 30;
        };
        return text + "=" + value;
    }

    static void point(String where) {
        System.out.println("checkpoint in case: " + where);
        Stasis.checkpoint();
        System.out.println("resumed in case: " + where);
    }
}
