package dev.stasis.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One piece of a generated program's source: lines of text and nested fragments, each at an
 * indentation relative to the fragment. The tree, not the text, is what the generator builds, so
 * the minimizer can leave out a removable fragment (a statement, a method, a stage of main) with
 * everything nested in it and print the rest again. A fragment declares every local variable it
 * uses below the method's prologue, so leaving one out keeps the rest compilable in most cases.
 */
final class GeneratedFragment {

    private static final String INDENT = "    ";

    /** What a fragment is, for the minimizer's order of attempts and its report. */
    enum Kind { CLASS, METHOD, STAGE, STATEMENT, FIXED }

    private final int id;
    private final Kind kind;
    private final List<Object> parts = new ArrayList<>();
    private final List<Integer> indents = new ArrayList<>();

    GeneratedFragment(int id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    int id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    boolean removable() {
        return kind != Kind.FIXED;
    }

    GeneratedFragment line(int indent, String text) {
        parts.add(text);
        indents.add(indent);
        return this;
    }

    GeneratedFragment child(int indent, GeneratedFragment fragment) {
        parts.add(fragment);
        indents.add(indent);
        return this;
    }

    GeneratedFragment children(int indent, List<GeneratedFragment> fragments) {
        fragments.forEach(f -> child(indent, f));
        return this;
    }

    /** The fragments directly nested in this one, in source order. */
    List<GeneratedFragment> children() {
        List<GeneratedFragment> children = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof GeneratedFragment f) {
                children.add(f);
            }
        }
        return children;
    }

    /** Prints the fragment at {@code depth}, leaving out the fragments whose ids are in {@code removed}. */
    void print(StringBuilder out, int depth, Set<Integer> removed) {
        if (removed.contains(id)) {
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            int at = depth + indents.get(i);
            if (parts.get(i) instanceof GeneratedFragment f) {
                f.print(out, at, removed);
            } else {
                String text = (String) parts.get(i);
                out.append(text.isEmpty() ? "" : INDENT.repeat(at)).append(text).append('\n');
            }
        }
    }
}
