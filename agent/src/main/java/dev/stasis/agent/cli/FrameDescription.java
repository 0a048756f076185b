package dev.stasis.agent.cli;

import dev.stasis.internal.format.FrameSummary;
import dev.stasis.internal.format.MethodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** How inspect shows a captured frame: where it stopped, like a stack trace line, and what it saved. */
final class FrameDescription {

    private FrameDescription() {
    }

    /**
     * {@code com.acme.Worker.step(Worker.java:42)} from the frame's method key
     * ({@code owner.name(desc)}, owner in internal form) and the line of its call site.
     */
    static String location(FrameSummary frame, MethodInfo info) {
        String key = frame.method();
        int paren = key.indexOf('(');
        String ownerAndName = paren < 0 ? key : key.substring(0, paren);
        String source;
        if (info == null || info.sourceFile == null) {
            source = "Unknown Source";
        } else {
            int site = frame.site();
            boolean hasLine = info.siteLines != null && site < info.siteLines.length && info.siteLines[site] > 0;
            source = hasLine ? info.sourceFile + ":" + info.siteLines[site] : info.sourceFile;
        }
        return ownerAndName.replace('/', '.') + "(" + source + ")";
    }

    /**
     * The values the frame saved, in saved order: primitives with their values, references by
     * type (their values are in the heap). The layout lists the locals' descriptors, then after a
     * '|' the operand stack's. Falls back to the raw layout when it does not match the number of
     * primitives saved.
     */
    static String savedValues(FrameSummary frame, MethodInfo info) {
        int site = frame.site();
        String layout = info == null || info.siteLayouts == null || site >= info.siteLayouts.length
                ? null : info.siteLayouts[site];
        if (layout == null) {
            return frame.prims().length + " primitive and " + frame.refCount() + " reference values";
        }
        int bar = layout.indexOf('|');
        List<String> locals = descriptors(bar < 0 ? layout : layout.substring(0, bar));
        List<String> stack = bar < 0 ? List.of() : descriptors(layout.substring(bar + 1));
        if (locals == null || stack == null) {
            return layout;
        }
        long primitives = Stream.concat(locals.stream(), stack.stream()).filter(t -> t.length() == 1).count();
        if (primitives != frame.prims().length) {
            return layout;
        }
        long[] prims = frame.prims();
        int[] next = {0};
        String shownLocals = show(locals, prims, next);
        String shownStack = show(stack, prims, next);
        if (bar < 0) {
            return shownLocals.isEmpty() ? "nothing" : shownLocals;
        }
        return "locals " + (shownLocals.isEmpty() ? "none" : shownLocals) + "; stack "
                + (shownStack.isEmpty() ? "none" : shownStack);
    }

    private static String show(List<String> types, long[] prims, int[] next) {
        List<String> shown = new ArrayList<>();
        for (String t : types) {
            shown.add(t.length() == 1 ? primitive(t.charAt(0), prims[next[0]++]) : typeName(t));
        }
        return String.join(", ", shown);
    }

    /** The JVM type descriptors {@code layout} is made of, or null if it is not only descriptors. */
    private static List<String> descriptors(String layout) {
        List<String> types = new ArrayList<>();
        int k = 0;
        while (k < layout.length()) {
            int start = k;
            while (k < layout.length() && layout.charAt(k) == '[') {
                k++;
            }
            if (k == layout.length()) {
                return null;
            }
            char c = layout.charAt(k);
            if (c == 'L') {
                int end = layout.indexOf(';', k);
                if (end < 0) {
                    return null;
                }
                k = end + 1;
            } else if ("ZBCSIJFD".indexOf(c) >= 0) {
                k++;
            } else {
                return null;
            }
            types.add(layout.substring(start, k));
        }
        return types;
    }

    private static String primitive(char type, long v) {
        switch (type) {
            case 'Z':
                return "boolean " + (v != 0);
            case 'B':
                return "byte " + (byte) v;
            case 'C':
                return "char " + describeChar((char) v);
            case 'S':
                return "short " + (short) v;
            case 'I':
                return "int " + (int) v;
            case 'J':
                return "long " + v;
            case 'F':
                return "float " + Float.intBitsToFloat((int) v);
            default:
                return "double " + Double.longBitsToDouble(v);
        }
    }

    private static String describeChar(char c) {
        boolean printable = !Character.isISOControl(c) && !Character.isSurrogate(c);
        return printable ? "'" + c + "'" : String.format("\\u%04x", (int) c);
    }

    /** {@code Ljava/lang/String;} as String, {@code [Lcom/acme/Foo;} as com.acme.Foo[], {@code [I} as int[]. */
    static String typeName(String descriptor) {
        int dims = 0;
        while (descriptor.charAt(dims) == '[') {
            dims++;
        }
        String element = descriptor.substring(dims);
        String name;
        if (element.length() == 1) {
            name = primitiveName(element.charAt(0));
        } else {
            name = element.substring(1, element.length() - 1).replace('/', '.');
            if (name.startsWith("java.lang.") && name.indexOf('.', "java.lang.".length()) < 0) {
                name = name.substring("java.lang.".length());
            }
        }
        return name + "[]".repeat(dims);
    }

    private static String primitiveName(char c) {
        switch (c) {
            case 'Z':
                return "boolean";
            case 'B':
                return "byte";
            case 'C':
                return "char";
            case 'S':
                return "short";
            case 'I':
                return "int";
            case 'J':
                return "long";
            case 'F':
                return "float";
            default:
                return "double";
        }
    }
}
