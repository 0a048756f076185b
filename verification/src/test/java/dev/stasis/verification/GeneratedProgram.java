package dev.stasis.verification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A program made by {@link ProgramGenerator}: its main class ({@code gen.P<seed>}) and the tree of
 * fragments its one source file prints from, with some fragments possibly left out (the
 * minimizer's smaller variants of it).
 */
record GeneratedProgram(long seed, GeneratedFragment root, Set<Integer> removed) {

    GeneratedProgram {
        removed = Set.copyOf(removed);
    }

    /** "P42", or "Pm7" for seed -7: a valid Java name for every seed. */
    String simpleName() {
        return simpleName(seed);
    }

    static String simpleName(long seed) {
        return seed < 0 ? "Pm" + Long.toString(seed).substring(1) : "P" + seed;
    }

    String mainClass() {
        return "gen." + simpleName();
    }

    String source() {
        StringBuilder out = new StringBuilder();
        root.print(out, 0, removed);
        return out.toString();
    }

    /** The same program without the fragments in {@code more} as well. */
    GeneratedProgram without(Set<Integer> more) {
        Set<Integer> all = new HashSet<>(removed);
        all.addAll(more);
        return new GeneratedProgram(seed, root, all);
    }

    /** The removable fragments still in the program (none of their ancestors left out), in source order. */
    List<GeneratedFragment> removableFragments() {
        List<GeneratedFragment> present = new ArrayList<>();
        collectPresent(root, present);
        return present;
    }

    private void collectPresent(GeneratedFragment f, List<GeneratedFragment> into) {
        if (removed.contains(f.id())) {
            return;
        }
        if (f.removable()) {
            into.add(f);
        }
        for (GeneratedFragment child : f.children()) {
            collectPresent(child, into);
        }
    }

    /** Lines of source, for reports. */
    int lineCount() {
        return (int) source().lines().count();
    }
}
