package dev.stasis.internal.heap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex {@code Matcher} in the middle of its work (a {@code while (m.find())} loop whose body
 * reaches a checkpoint, Kotlin's {@code Regex.findAll} sequence): its pattern, its text, its
 * region and bounds, and where it stands: the current match (start, end and every group's
 * bounds), where {@code find()} goes on, where {@code appendReplacement} appends from. Read back,
 * a matcher of the same pattern over the same text is given that state, so {@code group()},
 * {@code start()}, {@code end()} and the next {@code find()} answer as they would have. The state
 * is the matcher's own fields, which are the same on every JDK from 17 to 25 (and need
 * java.util.regex open to Stasis, which the agent arranges); the engine's scratch arrays are not
 * kept, as every match attempt clears them.
 */
final class MatcherSerializer extends HeapSerializer<Matcher> {

    /** The int fields of the position, in the order written. */
    private static final String[] POSITION = {"first", "last", "oldLast", "lastAppendPosition", "acceptMode"};

    /** Built from its pattern and text, which are read first. */
    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Matcher m) {
        Object groups = JdkInternals.get(m, "groups", null);
        if (!(groups instanceof int[])) {
            throw kryo.path.refuse(m, "its state is not readable (java.util.regex is not open to Stasis).");
        }
        kryo.writeClassAndObject(out, m.pattern());
        kryo.writeClassAndObject(out, JdkInternals.get(m, "text", null));
        out.writeVarInt(m.regionStart(), true);
        out.writeVarInt(m.regionEnd(), true);
        out.writeBoolean(m.hasTransparentBounds());
        out.writeBoolean(m.hasAnchoringBounds());
        for (String f : POSITION) {
            out.writeVarInt((Integer) JdkInternals.get(m, f, -1), false);
        }
        out.writeBoolean(Boolean.TRUE.equals(JdkInternals.get(m, "hitEnd", false)));
        out.writeBoolean(Boolean.TRUE.equals(JdkInternals.get(m, "requireEnd", false)));
        // The bounds of the whole match and of each group; the array is longer (its length
        // differs between JDKs: 17 sizes it by the pattern's groups, later JDKs to at least 20).
        int[] g = (int[]) groups;
        int n = 2 * (m.groupCount() + 1);
        out.writeVarInt(n, true);
        for (int i = 0; i < n; i++) {
            out.writeVarInt(g[i], false);
        }
    }

    @Override
    Matcher read(HeapKryo kryo, HeapInput in) {
        Object pattern = kryo.readClassAndObject(in);
        Object text = kryo.readClassAndObject(in);
        if (!(pattern instanceof Pattern) || !(text instanceof CharSequence)) {
            throw new CorruptData("a matcher without its pattern or text");
        }
        Matcher m = ((Pattern) pattern).matcher((CharSequence) text);
        int from = in.readVarInt(true);
        int to = in.readVarInt(true);
        if (from > to || to > ((CharSequence) text).length()) {
            throw new CorruptData("bad matcher region " + from + ".." + to);
        }
        m.region(from, to);
        m.useTransparentBounds(in.readBoolean());
        m.useAnchoringBounds(in.readBoolean());
        for (String f : POSITION) {
            set(m, f, in.readVarInt(false));
        }
        set(m, "hitEnd", in.readBoolean());
        set(m, "requireEnd", in.readBoolean());
        int[] groups = (int[]) JdkInternals.get(m, "groups", null);
        int n = in.readCount(1);
        if (groups == null || n != 2 * (m.groupCount() + 1) || groups.length < n) {
            throw new CorruptData("a matcher's " + n + " group bounds for a pattern with " + m.groupCount()
                    + " groups");
        }
        for (int i = 0; i < n; i++) {
            groups[i] = in.readVarInt(false);
        }
        return m;
    }

    private static void set(Matcher m, String name, Object value) {
        if (!JdkInternals.set(m, name, value)) {
            throw new CorruptData("the restoring JDK's Matcher has no field " + name);
        }
    }
}
