package dev.stasis.internal.resources;

import java.util.ArrayList;
import java.util.List;

/**
 * Where files moved between checkpoint and restore: {@code FROM=TO} prefix pairs (option
 * {@code map=}, launcher {@code --map}), applied to the paths of files reopened on restore. The
 * first pair whose FROM is the path or a parent directory of it wins; other paths stay as they are.
 */
public final class PathMap {

    private static volatile PathMap current = new PathMap(List.of());

    private final List<String[]> pairs;

    private PathMap(List<String[]> pairs) {
        this.pairs = pairs;
    }

    /**
     * The map of {@code FROM=TO} items, or null when one has no {@code =} or an empty side (the
     * option parser turns null into a message saying what is accepted).
     */
    public static PathMap parse(List<String> items) {
        List<String[]> pairs = new ArrayList<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                return null;
            }
            pairs.add(new String[] {trimSeparator(item.substring(0, eq)), trimSeparator(item.substring(eq + 1))});
        }
        return new PathMap(List.copyOf(pairs));
    }

    /** Makes this the map restored files are reopened through. */
    public static void install(List<String> items) {
        PathMap m = parse(items);
        if (m != null) {
            current = m;
        }
    }

    public static PathMap current() {
        return current;
    }

    /**
     * {@code path} with the first matching FROM prefix replaced by its TO. The rest of the path
     * takes TO's separators, so that {@code C:\\work=/home/me/work} maps {@code C:\\work\\in\\a.txt}
     * to {@code /home/me/work/in/a.txt}.
     */
    public String apply(String path) {
        for (String[] p : pairs) {
            String from = p[0];
            if (path.equals(from)) {
                return p[1];
            }
            if (path.startsWith(from) && (from.endsWith("/") || from.endsWith("\\") || isSeparator(path.charAt(from.length())))) {
                String to = p[1];
                char separator = to.indexOf('\\') >= 0 ? '\\' : '/';
                // The rest starts with a separator unless FROM is a root ("/", "C:\\") that ends with one.
                String rest = path.substring(from.length()).replace(separator == '/' ? '\\' : '/', separator);
                if (!rest.startsWith(String.valueOf(separator))) {
                    rest = separator + rest;
                }
                return isSeparator(to.charAt(to.length() - 1)) ? to + rest.substring(1) : to + rest;
            }
        }
        return path;
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }

    /** "/data/" and "/data" are the same prefix; the root "/" stays itself. */
    private static String trimSeparator(String s) {
        String t = s.trim();
        while (t.length() > 1 && isSeparator(t.charAt(t.length() - 1))) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
