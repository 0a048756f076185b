package dev.stasis.verification;

import dev.stasis.verification.GeneratedFragment.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Makes a random, deterministic Java 17 program from a seed: a main class {@code gen.P<seed>}
 * with static methods (nested loops, labelled break and continue, switches and switch
 * expressions, try/catch/finally, try-with-resources, recursion, synchronized, long and double
 * arithmetic, arrays, strings, lambdas and method references, streams, exceptions as control
 * flow) and nested helper types (an interface with a default method, a class hierarchy whose
 * constructors call methods in their bodies and in {@code super(...)}/{@code this(...)}
 * arguments, virtual calls, an enum, a resource, a lazily initialized class).
 *
 * <p>What keeps every program short, deterministic and quiet on stderr:
 * <ul>
 * <li>Loops have constant bounds; a method calls only methods generated before it (higher index,
 * or the hierarchy, whose methods call only the lower static methods), recursion has a constant
 * depth; every call's cost is estimated and a method, and main, stay under a budget.</li>
 * <li>Every value flows into a static {@code long checksum} through {@code mix}, which prints
 * it every so many calls; main prints it after each stage and at the end. Doubles are mixed by
 * their bits and never printed (Double.toString changed between JDK 17 and 19); no identity
 * hash codes; hash maps are iterated through a TreeMap copy.</li>
 * <li>An exception is thrown only where a handler of this fragment catches it, or by a method
 * that is called only inside its own try/catch.</li>
 * <li>No try or synchronized block inside a switch expression while a value is on the operand
 * stack: javac 17 crashes there, or emits code the verifier rejects.</li>
 * </ul>
 * A fragment declares the locals it uses beyond the method prologue, so the minimizer can drop
 * statements freely.
 */
final class ProgramGenerator {

    /** The constructs {@code -Dstasis.generated.without=a,b} can leave out. */
    static final List<String> CONSTRUCTS = List.of("labels", "switch", "switch-expressions", "string-switch",
            "enum-switch", "try-catch", "try-with-resources", "recursion", "synchronized", "lambdas",
            "method-references", "streams", "for-each", "arrays", "objects", "anonymous-classes", "exceptions",
            "lazy-init", "strings", "early-return");

    /** Estimated statements run (about the safe points passed) by main, and by one call of a method. */
    private static final long MAIN_BUDGET = 2500;
    private static final long UPPER_BUDGET = 400;
    private static final long LOWER_BUDGET = 120;
    private static final long CLASS_BUDGET = 60;
    private static final String[] NAMES = {"alpha", "beta", "gamma", "delta"};

    private final long seed;
    private final Random rnd;
    private final Set<String> without;
    private final String cls;
    private int ids;
    private int names;

    private StaticMethod[] methods;
    private int lowerStart;
    private long costBump;
    private long costStep;
    private long costArea;
    private long costNewBase;
    private long costNewSubA2;
    private long costNewSubA1;
    private long costNewSubB;

    private ProgramGenerator(long seed, Set<String> without) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.without = without;
        this.cls = GeneratedProgram.simpleName(seed);
    }

    /** The program for {@code seed}, leaving out the constructs named in {@code without}. */
    static GeneratedProgram generate(long seed, Set<String> without) {
        for (String name : without) {
            if (!CONSTRUCTS.contains(name)) {
                throw new IllegalArgumentException("unknown construct \"" + name + "\" in stasis.generated.without; "
                        + "known: " + String.join(",", CONSTRUCTS));
            }
        }
        return new ProgramGenerator(seed, without).build();
    }

    /** The constructs named in a comma-separated list (blank: none). */
    static Set<String> parseWithout(String list) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                names.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private boolean has(String construct) {
        return !without.contains(construct);
    }

    // ---------------------------------------------------------------- program structure

    private GeneratedProgram build() {
        int count = between(6, 10);
        methods = new StaticMethod[count];
        lowerStart = count / 2;
        for (int i = count - 1; i >= lowerStart; i--) {
            methods[i] = staticMethod(i, false);
        }
        List<GeneratedFragment> hierarchy = has("objects") ? hierarchy() : List.of();
        for (int i = lowerStart - 1; i >= 0; i--) {
            methods[i] = staticMethod(i, has("objects"));
        }
        long[] mainCost = {0};
        GeneratedFragment main = main(mainCost);
        long every = Long.highestOneBit(Math.max(16, mainCost[0] / 20));

        GeneratedFragment root = fixed();
        root.line(0, "package gen;").line(0, "");
        for (String imp : List.of("java.util.ArrayDeque", "java.util.ArrayList", "java.util.HashMap",
                "java.util.LinkedList", "java.util.List", "java.util.Map", "java.util.TreeMap", "java.util.TreeSet",
                "java.util.function.LongUnaryOperator", "java.util.stream.LongStream")) {
            root.line(0, "import " + imp + ";");
        }
        root.line(0, "");
        root.line(0, "/** Generated from seed " + seed + " by dev.stasis.verification.ProgramGenerator. */");
        root.line(0, "public final class " + cls + " {");
        root.line(1, "static long checksum = " + (seed & 0xFFFF) + "L;");
        root.line(1, "static long ticks;");
        root.line(1, "static final Object LOCK = new Object();");
        root.line(1, "static final Map<String, Long> COUNTS = new HashMap<>();");
        root.line(1, "static final List<Long> HISTORY = new ArrayList<>();");
        root.line(1, "static final List<Shape> KEPT = new ArrayList<>();");
        root.line(1, "static final String[] NAMES = {\"" + String.join("\", \"", NAMES) + "\"};");
        root.line(0, "");
        root.line(1, "static long mix(long v) {");
        root.line(2, "checksum = Long.rotateLeft(checksum ^ v, 13) * 0x9E3779B97F4A7C15L + 1;");
        root.line(2, "if (++ticks % " + every + " == 0) {");
        root.line(3, "System.out.println(\"tick \" + ticks + \" \" + Long.toHexString(checksum));");
        root.line(2, "}");
        root.line(2, "return v;");
        root.line(1, "}");
        GeneratedFragment fn = fragment(Kind.CLASS);
        fn.line(0, "");
        fn.line(0, "interface Fn {");
        fn.line(1, "long apply(int k, long x);");
        fn.line(0, "}");
        root.child(1, fn);
        GeneratedFragment shape = fragment(Kind.CLASS);
        shape.line(0, "");
        shape.line(0, "interface Shape {");
        shape.line(1, "long area(long x);");
        shape.line(0, "");
        shape.line(1, "default long twice(long x) {");
        shape.line(2, "return mix(area(x) * 2 + 1);");
        shape.line(1, "}");
        shape.line(0, "}");
        root.child(1, shape);
        GeneratedFragment mode = fragment(Kind.CLASS);
        mode.line(0, "");
        mode.line(0, "enum Mode {");
        mode.line(1, "RED, GREEN, BLUE;");
        mode.line(0, "");
        mode.line(1, "long uses;");
        mode.line(0, "");
        mode.line(1, "long weight(long x) {");
        mode.line(2, "uses++;");
        mode.line(2, "return mix(x * (ordinal() + 2) + uses);");
        mode.line(1, "}");
        mode.line(0, "}");
        root.child(1, mode);
        GeneratedFragment signal = fragment(Kind.CLASS);
        signal.line(0, "");
        signal.line(0, "static final class Signal extends RuntimeException {");
        signal.line(1, "final long value;");
        signal.line(0, "");
        signal.line(1, "Signal(long value) {");
        signal.line(2, "super(\"signal\", null, false, false);");
        signal.line(2, "this.value = value;");
        signal.line(1, "}");
        signal.line(0, "}");
        root.child(1, signal);
        GeneratedFragment res = fragment(Kind.CLASS);
        res.line(0, "");
        res.line(0, "static final class Res implements AutoCloseable {");
        res.line(1, "final long id;");
        res.line(0, "");
        res.line(1, "Res(long id) {");
        res.line(2, "this.id = mix(id);");
        res.line(1, "}");
        res.line(0, "");
        res.line(1, "long use(long x) {");
        res.line(2, "return mix(x + id);");
        res.line(1, "}");
        res.line(0, "");
        res.line(1, "@Override");
        res.line(1, "public void close() {");
        res.line(2, "for (int i = 0; i < 2; i++) {");
        res.line(3, "mix(id - i);");
        res.line(2, "}");
        res.line(1, "}");
        res.line(0, "}");
        root.child(1, res);
        GeneratedFragment lazy = fragment(Kind.CLASS);
        lazy.line(0, "");
        lazy.line(0, "static final class Lazy {");
        lazy.line(1, "static final long BASE = mix(" + between(1, 999) + ");");
        lazy.line(0, "");
        lazy.line(1, "static {");
        lazy.line(2, "System.out.println(\"lazy \" + BASE);");
        lazy.line(1, "}");
        lazy.line(0, "}");
        root.child(1, lazy);
        for (GeneratedFragment c : hierarchy) {
            root.child(1, c);
        }
        root.child(1, main);
        for (StaticMethod m : methods) {
            root.child(1, m.fragment);
        }
        root.line(0, "}");
        return new GeneratedProgram(seed, root, Set.of());
    }

    private GeneratedFragment main(long[] cost) {
        GeneratedFragment f = fixed();
        f.line(0, "");
        f.line(0, "public static void main(String[] args) {");
        f.line(1, "long acc = " + literal() + ";");
        f.line(1, "double d = 0.5;");
        f.line(1, "int k = args.length + " + between(1, 9) + ";");
        f.line(1, "String s = \"main\";");
        f.line(1, "long[] arr = new long[6];");
        Ctx c = new Ctx(0, has("objects"), List.of(), cost, MAIN_BUDGET, false);
        c.vars.addAll(List.of(new Var("acc", "long", true), new Var("d", "double", true), new Var("k", "int", true),
                new Var("s", "String", true), new Var("arr", "long[]", false)));
        if (has("objects")) {
            f.child(1, lines("Shape[] shapes = {new Base(1, 2L), new SubA(2), new SubB(3), x -> x * 5 + 1};",
                    "KEPT.add(shapes[2]);"));
            cost[0] += costNewBase + costNewSubA1 + costNewSubB;
            c.vars.add(new Var("shapes", "Shape[]", false));
        }
        f.line(1, "System.out.println(\"start \" + Long.toHexString(checksum));");
        int stages = between(6, 10);
        for (int n = 0; n < stages; n++) {
            GeneratedFragment stage = fragment(Kind.STAGE);
            c.cap = cost[0] + (MAIN_BUDGET - cost[0]) / (stages - n);
            stage.children(0, block(c, between(1, 3)));
            stage.line(0, "System.out.println(\"stage " + n + " \" + acc + \" \" + Long.toHexString(checksum) + \" \" + s.length()"
                    + " + \" \" + arr[" + (n % 6) + "]);");
            f.child(1, stage);
        }
        f.line(1, "System.out.println(\"end \" + acc + \" \" + Long.toHexString(checksum) + \" ticks \" + ticks"
                + " + \" counts \" + new TreeMap<>(COUNTS) + \" history \" + HISTORY.size());");
        f.line(0, "}");
        return f;
    }

    private StaticMethod staticMethod(int index, boolean objects) {
        StaticMethod m = new StaticMethod(index);
        boolean lower = index >= lowerStart;
        m.recursive = lower && has("recursion") && chance(0.35);
        m.binary = m.recursive && chance(0.3);
        m.throwsSignal = has("exceptions") && chance(0.25);
        boolean sync = has("synchronized") && chance(0.2);
        long[] cost = {0};
        Ctx c = new Ctx(index + 1, objects, List.of(), cost, lower ? LOWER_BUDGET : UPPER_BUDGET, true);
        c.vars.addAll(List.of(new Var("k", "int", false), new Var("x", "long", true), new Var("acc", "long", true),
                new Var("d", "double", true), new Var("s", "String", true)));
        GeneratedFragment f = fragment(Kind.METHOD);
        f.line(0, "");
        f.line(0, (sync ? "synchronized " : "") + "static long " + m.name() + "(int k, long x) {");
        if (m.recursive) {
            f.line(1, "if (k <= 0) {");
            if (m.throwsSignal) {
                f.line(2, "if ((x & 3) == 1) {");
                f.line(3, "throw new Signal(x);");
                f.line(2, "}");
            }
            f.line(2, "return mix(x);");
            f.line(1, "}");
        }
        f.line(1, "long acc = x ^ " + literal() + ";");
        f.line(1, "double d = (k & 7) * 0.25 + " + between(1, 9) + ".5;");
        f.line(1, "String s = \"m\" + (k & 7);");
        // Locals of every other primitive type, which frames store and reload by their own kinds.
        f.line(1, "float f = k * 0.5f;");
        f.line(1, "char ch = (char) ('a' + (k & 15));");
        f.line(1, "boolean flag = (x & 1) == 0;");
        f.line(1, "short sh = (short) x;");
        f.line(1, "byte by = (byte) k;");
        c.vars.addAll(List.of(new Var("f", "float", true), new Var("ch", "int", false), new Var("flag", "boolean", true),
                new Var("sh", "int", false), new Var("by", "int", false)));
        if (has("arrays") && chance(0.5)) {
            f.line(1, "long[] arr = new long[" + between(3, 6) + "];");
            c.vars.add(new Var("arr", "long[]", false));
        }
        List<GeneratedFragment> body = new ArrayList<>(block(c, between(2, 5)));
        if (m.throwsSignal && !m.recursive) {
            body.add(rnd.nextInt(body.size() + 1), lines(
                    "if (" + bool(c, 1) + ") {", "    throw new Signal(acc);", "}"));
        }
        if (m.recursive) {
            String self = m.binary
                    ? "acc = acc * 3 + " + m.name() + "(k - 1, " + lng(c, 1) + ") - " + m.name() + "(k - 2, acc);"
                    : "acc += " + m.name() + "(k - 1, " + lng(c, 1) + ");";
            body.add(rnd.nextInt(body.size() + 1), lines(self));
            m.perCall = cost[0] + 3;
            m.maxDepth = maxDepth(m);
        }
        f.children(1, body);
        f.line(1, "return mix(acc ^ Double.doubleToLongBits(d)) + s.length() + Float.floatToIntBits(f) + ch + (flag ? 1 : 0) + sh + by;");
        f.line(0, "}");
        m.cost = m.recursive ? m.costAt(m.maxDepth) : cost[0] + 2;
        m.fragment = f;
        return m;
    }

    private int maxDepth(StaticMethod m) {
        int depth = 0;
        while (depth < 8 && m.perCall * m.calls(depth + 1) <= LOWER_BUDGET * 4) {
            depth++;
        }
        return depth;
    }

    /**
     * Base, SubA extends Base, SubB extends SubA. Bodies are made bump first, then step, then area,
     * then the constructors, so each knows what the virtual calls it may make cost.
     */
    private List<GeneratedFragment> hierarchy() {
        long[] cost = {0};
        // bump: synchronized, calls lower statics only.
        Ctx bump = classCtx(cost, List.of(), "x");
        List<GeneratedFragment> bumpBody = block(bump, between(1, 3));
        costBump = cost[0] + 2;
        // step in Base and SubA (SubA's calls super.step)
        cost[0] = 0;
        Ctx baseStep = classCtx(cost, List.of("bump"), "x");
        List<GeneratedFragment> baseStepBody = block(baseStep, between(1, 3));
        long costBaseStep = cost[0] + 1;
        cost[0] = 0;
        Ctx subAStep = classCtx(cost, List.of("bump"), "x");
        subAStep.vars.add(new Var("extra", "long", false));
        List<GeneratedFragment> subAStepBody = block(subAStep, between(1, 2));
        costStep = costBaseStep + cost[0] + 1;
        // area in Base and SubB (SubB's calls super.area and step)
        cost[0] = 0;
        Ctx baseArea = classCtx(cost, List.of("bump", "step"), "x");
        List<GeneratedFragment> baseAreaBody = block(baseArea, between(1, 3));
        long costBaseArea = cost[0] + 1;
        cost[0] = 0;
        Ctx subBArea = classCtx(cost, List.of("bump", "step"), "x");
        subBArea.vars.add(new Var("extra", "long", false));
        List<GeneratedFragment> subBAreaBody = block(subBArea, between(1, 2));
        costArea = costBaseArea + costStep + cost[0] + 1;
        // constructors
        cost[0] = 0;
        Ctx baseCtor = classCtx(cost, List.of(), "seed");
        List<GeneratedFragment> baseCtorBody = block(baseCtor, between(1, 3));
        costNewBase = cost[0] + 2;

        cost[0] = 0;
        Ctx subAArgs = argsCtx(cost, "seed");
        String superArgA = lngWithCall(subAArgs);
        String extraInit = lngWithCall(subAArgs);
        Ctx subACtor = classCtx(cost, List.of("bump", "step", "area"), "seed");
        subACtor.vars.add(new Var("extra", "long", false));
        List<GeneratedFragment> subACtorBody = block(subACtor, between(1, 3));
        costNewSubA2 = costNewBase + cost[0] + 2;
        cost[0] = 0;
        String thisArg = lngWithCall(argsCtx(cost, null));
        costNewSubA1 = costNewSubA2 + cost[0];
        cost[0] = 0;
        Ctx subBArgs = argsCtx(cost, null);
        String superIdB = "(int) " + wrap(lngWithCall(subBArgs));
        String superSeedB = lngWithCall(subBArgs);
        Ctx subBCtor = classCtx(cost, List.of("bump", "step", "area"), "seed");
        subBCtor.vars.removeIf(v -> v.name.equals("seed"));
        subBCtor.vars.add(new Var("extra", "long", false));
        List<GeneratedFragment> subBCtorBody = block(subBCtor, between(1, 3));
        costNewSubB = costNewSubA2 + cost[0] + 2;

        GeneratedFragment base = fragment(Kind.CLASS);
        base.line(0, "");
        base.line(0, "static class Base implements Shape {");
        base.line(1, "final int id;");
        base.line(1, "long state;");
        base.line(1, "float ratio = 1.5f;");
        base.line(1, "char tag = 'a';");
        base.line(1, "boolean flag;");
        base.line(1, "short small;");
        base.line(1, "byte tiny;");
        base.line(0, "");
        base.line(1, "Base(int id, long seed) {");
        base.line(2, "this.id = id;");
        base.line(2, "this.state = seed;");
        base.line(2, "long acc = seed ^ id;");
        base.line(2, "double d = id * 0.5;");
        base.children(2, baseCtorBody);
        base.line(2, "state += acc ^ Double.doubleToLongBits(d);");
        base.line(2, "mix(state);");
        base.line(1, "}");
        base.line(0, "");
        base.line(1, (has("synchronized") ? "synchronized " : "") + "long bump(long x) {");
        base.line(2, "long acc = x + state;");
        base.line(2, "double d = id * 0.25;");
        base.children(2, bumpBody);
        base.line(2, "state = state * 31 + (acc ^ Double.doubleToLongBits(d));");
        base.line(2, "ratio = ratio * 0.5f + acc % 7;");
        base.line(2, "tag = (char) ('a' + Math.floorMod(acc, 26));");
        base.line(2, "flag = !flag;");
        base.line(2, "small += (short) acc;");
        base.line(2, "tiny ^= (byte) acc;");
        base.line(2, "return mix(state);");
        base.line(1, "}");
        base.line(0, "");
        base.line(1, "long step(long x) {");
        base.line(2, "long acc = x ^ state;");
        base.line(2, "double d = x * 0.125;");
        base.children(2, baseStepBody);
        base.line(2, "return mix(acc ^ Double.doubleToLongBits(d));");
        base.line(1, "}");
        base.line(0, "");
        base.line(1, "@Override");
        base.line(1, "public long area(long x) {");
        base.line(2, "long acc = x + id;");
        base.line(2, "double d = state * 0.5;");
        base.line(2, "acc += Float.floatToIntBits(ratio) + tag + (flag ? 1 : 0) + small + tiny;");
        base.children(2, baseAreaBody);
        base.line(2, "return mix(acc ^ Double.doubleToLongBits(d));");
        base.line(1, "}");
        base.line(0, "}");

        GeneratedFragment subA = fragment(Kind.CLASS);
        subA.line(0, "");
        subA.line(0, "static class SubA extends Base {");
        subA.line(1, "final long extra;");
        subA.line(0, "");
        subA.line(1, "SubA(int id, long seed) {");
        subA.line(2, "super(id + 1, " + superArgA + ");");
        subA.line(2, "this.extra = " + extraInit + ";");
        subA.line(2, "long acc = extra;");
        subA.line(2, "double d = seed * 0.5;");
        subA.children(2, subACtorBody);
        subA.line(2, "state ^= acc ^ Double.doubleToLongBits(d);");
        subA.line(1, "}");
        subA.line(0, "");
        subA.line(1, "SubA(int id) {");
        subA.line(2, "this(id, " + thisArg + ");");
        subA.line(1, "}");
        subA.line(0, "");
        subA.line(1, "@Override");
        subA.line(1, "long step(long x) {");
        subA.line(2, "long acc = super.step(x) + extra;");
        subA.line(2, "double d = extra * 0.25;");
        subA.children(2, subAStepBody);
        subA.line(2, "return mix(acc ^ Double.doubleToLongBits(d));");
        subA.line(1, "}");
        subA.line(0, "}");

        GeneratedFragment subB = fragment(Kind.CLASS);
        subB.line(0, "");
        subB.line(0, "static final class SubB extends SubA {");
        subB.line(1, "SubB(int id) {");
        subB.line(2, "super(" + superIdB + ", " + superSeedB + ");");
        subB.line(2, "long acc = state + id;");
        subB.line(2, "double d = id * 0.75;");
        subB.children(2, subBCtorBody);
        subB.line(2, "state -= acc ^ Double.doubleToLongBits(d);");
        subB.line(1, "}");
        subB.line(0, "");
        subB.line(1, "@Override");
        subB.line(1, "public long area(long x) {");
        subB.line(2, "long acc = super.area(x) ^ step(x);");
        subB.line(2, "double d = state * 0.125;");
        subB.children(2, subBAreaBody);
        subB.line(2, "return mix(acc ^ Double.doubleToLongBits(d));");
        subB.line(1, "}");
        subB.line(0, "}");
        return List.of(base, subA, subB);
    }

    /** Inside an instance method or constructor: lower statics, the given virtual calls on this. */
    private Ctx classCtx(long[] cost, List<String> thisCalls, String param) {
        Ctx c = new Ctx(lowerStart, false, thisCalls, cost, cost[0] + CLASS_BUDGET, true);
        c.returns = false;
        c.inClass = true;
        c.vars.addAll(List.of(new Var(param, "long", true), new Var("acc", "long", true), new Var("d", "double", true),
                new Var("id", "int", false), new Var("state", "long", true)));
        return c;
    }

    /** Arguments of super(...) and this(...): parameters and lower statics only. */
    private Ctx argsCtx(long[] cost, String longParam) {
        Ctx c = new Ctx(lowerStart, false, List.of(), cost, cost[0] + CLASS_BUDGET, false);
        c.vars.add(new Var("id", "int", false));
        if (longParam != null) {
            c.vars.add(new Var(longParam, "long", false));
        }
        return c;
    }

    // ---------------------------------------------------------------- statements

    private List<GeneratedFragment> block(Ctx c, int count) {
        List<GeneratedFragment> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(statement(c));
        }
        return out;
    }

    private GeneratedFragment statement(Ctx c) {
        boolean compound = c.depth < 3 && chance(c.depth == 0 ? 0.6 : 0.35);
        for (int attempt = 0; attempt < 12; attempt++) {
            GeneratedFragment f = compound ? compound(c) : simple(c);
            if (f != null) {
                c.spend(1);
                return f;
            }
        }
        c.spend(1);
        return lines("acc ^= " + lng(c, 1) + ";");
    }

    private GeneratedFragment simple(Ctx c) {
        switch (rnd.nextInt(14)) {
            case 0:
            case 1:
            case 2: {
                Var v = pickVar(c, "long", true);
                String op = pick("=", "+=", "^=", "-=");
                return lines(v.name + " " + op + " " + lng(c, 2) + ";");
            }
            case 3:
                if (var(c, "float", true) != null && chance(0.5)) {
                    return lines(pick("f = f * 1.5f + " + integer(c, 1) + ";",
                            "flag ^= " + bool(c, 1) + ";", "ch = (char) (ch + " + integer(c, 1) + ");",
                            "sh += (short) " + wrap(lng(c, 1)) + ";", "by ^= (byte) " + integer(c, 1) + ";",
                            "acc += flag ? (long) f : ch;"));
                }
                return var(c, "double", true) == null ? null : lines("d = " + dbl(c, 2) + ";");
            case 4:
                return lines("mix(" + lng(c, 2) + ");");
            case 5:
                return lines("COUNTS.merge(NAMES[Math.floorMod(" + integer(c, 1) + ", 4)], "
                        + asLong(lng(c, 1)) + ", Long::sum);");
            case 6:
                return lines("if (HISTORY.size() < 40) {", "    HISTORY.add(" + asLong(lng(c, 1)) + ");", "}");
            case 7:
                if (!has("strings") || var(c, "String", true) == null) {
                    return null;
                }
                return lines("s = s.length() > 12 ? s.substring(" + between(2, 6) + ") : s + (char) ('a' + Math.floorMod("
                        + integer(c, 1) + ", 26));");
            case 8:
                if (!has("arrays") || var(c, "long[]", false) == null) {
                    return null;
                }
                return lines("arr[Math.floorMod(" + integer(c, 1) + ", arr.length)] += " + lng(c, 2) + ";");
            case 9:
                if (!has("early-return") || !c.returns || c.noReturn || c.depth == 0) {
                    return null;
                }
                return lines("if (" + bool(c, 1) + ") {", "    return mix(" + lng(c, 1) + ");", "}");
            case 10:
                if (c.loops == 0) {
                    return null;
                }
                return lines("if (" + bool(c, 1) + ") {", "    " + pick("break;", "continue;"), "}");
            case 11:
                if (!c.catchesSignal || !has("exceptions")) {
                    return null;
                }
                return lines("if (" + bool(c, 1) + ") {", "    throw new Signal(" + lng(c, 1) + ");", "}");
            case 12:
                if (!has("lazy-init")) {
                    return null;
                }
                return lines("acc += Lazy.BASE + " + lng(c, 1) + ";");
            default:
                c.spend(1);
                return lines("acc += Mode.values()[Math.floorMod(" + integer(c, 1) + ", 3)].weight("
                        + lng(c, 1) + ");");
        }
    }

    private GeneratedFragment compound(Ctx c) {
        switch (rnd.nextInt(18)) {
            case 17:
                return has("strings") ? stringBuilder(c) : null;
            case 0:
            case 1:
                return forLoop(c);
            case 2:
                return whileLoop(c);
            case 3:
                return has("labels") ? labelledLoops(c) : null;
            case 4:
                return ifElse(c);
            case 5:
                return has("switch") ? intSwitch(c) : null;
            case 6:
                return has("string-switch") ? stringSwitch(c) : null;
            case 7:
                return has("enum-switch") ? enumSwitch(c) : null;
            case 8:
                return has("switch-expressions") ? switchExpression(c) : null;
            case 9:
                return has("try-catch") && !c.noTry ? tryCatch(c) : null;
            case 10:
                return has("try-with-resources") && !c.noTry ? tryWithResources(c) : null;
            case 11:
                return has("synchronized") && !c.noTry ? synchronizedBlock(c) : null;
            case 12:
                return has("for-each") ? forEach(c) : null;
            case 13:
                return lambda(c);
            case 14:
                return guardedCall(c);
            case 15:
                return c.objects ? objects(c) : null;
            default:
                return has("arrays") ? arrays(c) : null;
        }
    }

    private GeneratedFragment forLoop(Ctx c) {
        int n = between(1, 5);
        String i = name("i");
        GeneratedFragment f = fragment(Kind.STATEMENT);
        f.line(0, "for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++) {");
        Ctx body = c.loop(n);
        body.vars.add(new Var(i, "int", false));
        f.children(1, block(body, between(1, 3)));
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment whileLoop(Ctx c) {
        int n = between(1, 4);
        String w = name("w");
        GeneratedFragment f = fragment(Kind.STATEMENT);
        f.line(0, "int " + w + " = " + n + ";");
        boolean doWhile = chance(0.5);
        f.line(0, doWhile ? "do {" : "while (" + w + "-- > 0) {");
        Ctx body = c.loop(n);
        body.vars.add(new Var(w, "int", false));
        f.children(1, block(body, between(1, 3)));
        f.line(0, doWhile ? "} while (--" + w + " > 0);" : "}");
        return f;
    }

    private GeneratedFragment labelledLoops(Ctx c) {
        int n = between(2, 4);
        int m = between(2, 4);
        String label = name("outer");
        String i = name("i");
        String j = name("j");
        GeneratedFragment f = fragment(Kind.STATEMENT);
        f.line(0, label + ":");
        f.line(0, "for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++) {");
        Ctx body = c.loop(n * m);
        body.vars.add(new Var(i, "int", false));
        body.vars.add(new Var(j, "int", false));
        f.line(1, "for (int " + j + " = 0; " + j + " < " + m + "; " + j + "++) {");
        f.line(2, "if (" + bool(body, 1) + ") {");
        f.line(3, pick("continue ", "break ") + label + ";");
        f.line(2, "}");
        f.children(2, block(body, between(1, 2)));
        f.line(1, "}");
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment ifElse(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        f.line(0, "if (" + bool(c, 2) + ") {");
        f.children(1, block(c.nested(), between(1, 3)));
        if (chance(0.6)) {
            f.line(0, "} else {");
            f.children(1, block(c.nested(), between(1, 2)));
        }
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment intSwitch(Ctx c) {
        int cases = between(2, 4);
        GeneratedFragment f = fragment(Kind.STATEMENT);
        f.line(0, "switch (Math.floorMod(" + integer(c, 1) + ", " + (cases + 1) + ")) {");
        for (int i = 0; i < cases; i++) {
            f.line(1, "case " + i + ": {");
            f.children(2, block(c.nested(), between(1, 2)));
            f.line(1, "}");
            if (chance(0.7)) {
                f.line(2, "break;");
            }
        }
        f.line(1, "default: {");
        f.children(2, block(c.nested(), 1));
        f.line(1, "}");
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment stringSwitch(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        f.line(0, "switch (NAMES[Math.floorMod(" + integer(c, 1) + ", 4)]) {");
        f.line(1, "case \"alpha\":");
        f.line(1, "case \"gamma\": {");
        f.children(2, block(c.nested(), between(1, 2)));
        f.line(2, "break;");
        f.line(1, "}");
        f.line(1, "case \"beta\": {");
        f.children(2, block(c.nested(), 1));
        f.line(1, "}");
        f.line(1, "default: {");
        f.children(2, block(c.nested(), 1));
        f.line(1, "}");
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment enumSwitch(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String m = name("mode");
        f.line(0, "Mode " + m + " = Mode.values()[Math.floorMod(" + integer(c, 1) + ", 3)];");
        if (chance(0.5)) {
            f.line(0, "switch (" + m + ") {");
            f.line(1, "case RED -> {");
            f.children(2, block(c.nested(), between(1, 2)));
            f.line(1, "}");
            f.line(1, "case GREEN -> acc += " + m + ".weight(" + lng(c, 1) + ");");
            f.line(1, "default -> {");
            f.children(2, block(c.nested(), 1));
            f.line(1, "}");
            f.line(0, "}");
        } else {
            f.line(0, "switch (" + m + ") {");
            f.line(1, "case BLUE: {");
            f.children(2, block(c.nested(), between(1, 2)));
            f.line(2, "break;");
            f.line(1, "}");
            f.line(1, "case RED: {");
            f.children(2, block(c.nested(), 1));
            f.line(1, "}");
            f.line(1, "default:");
            f.line(2, "acc ^= " + m + ".ordinal();");
            f.line(0, "}");
        }
        return f;
    }

    /** A switch expression in an operand position: acc is on the operand stack while an arm runs. */
    private GeneratedFragment switchExpression(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        Var target = pickVar(c, "long", true);
        if (target.name.equals("state")) {
            // a field assignment has this on the operand stack: an operand position after all.
            target = var(c, "long", true);
        }
        String assign = pick("=", target.name + " " + pick("+=", "^=", "=") + " " + pick("3 * ", "", target.name + " - "));
        boolean operand = !assign.equals("=");
        f.line(0, (operand ? assign : target.name + " = ") + "switch (Math.floorMod(" + integer(c, 1) + ", 4)) {");
        f.line(1, "case 0 -> " + lng(c, 2) + ";");
        f.line(1, "case 1, 2 -> {");
        Ctx arm = c.nested();
        arm.loops = 0;
        arm.noReturn = true;
        // javac 17 crashes (NullPointerException in Gen.doHandleSwitchExpression) on a try inside a
        // switch expression while a long is on the operand stack, and emits code the verifier
        // rejects for a synchronized block there.
        arm.noTry = operand || c.noTry;
        f.children(2, block(arm, between(1, 3)));
        f.line(2, "yield " + lng(c, 1) + ";");
        f.line(1, "}");
        f.line(1, "default -> " + lng(c, 1) + ";");
        f.line(0, "};");
        return f;
    }

    private GeneratedFragment tryCatch(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String e = name("e");
        int shape = rnd.nextInt(4);
        Ctx body = c.nested();
        // A try/finally inside a handled region: a Signal passes through its finally block, whose
        // calls then run with the exception held in a local.
        body.catchesSignal = shape != 3 || c.catchesSignal;
        f.line(0, "try {");
        f.children(1, block(body, between(1, 3)));
        if (shape == 1 && var(c, "long[]", false) != null && has("arrays")) {
            f.child(1, lines("if (" + bool(c, 1) + ") {",
                    "    arr[arr.length + Math.floorMod(" + integer(c, 1) + ", 3)] = 1;", "}"));
        } else if (shape == 1) {
            f.child(1, lines("if (" + bool(c, 1) + ") {", "    acc /= (" + integer(c, 1) + " & 0);", "}"));
        }
        switch (shape) {
            case 0:
                f.line(0, "} catch (Signal " + e + ") {");
                f.line(1, "acc ^= " + e + ".value;");
                break;
            case 1:
                f.line(0, "} catch (ArithmeticException | IndexOutOfBoundsException | Signal " + e + ") {");
                f.line(1, "acc += " + e + " instanceof Signal " + e + "s ? " + e + "s.value : " + e + ".getClass().getSimpleName().length();");
                break;
            case 2:
                f.line(0, "} catch (RuntimeException " + e + ") {");
                f.line(1, "acc -= " + e + " instanceof Signal " + e + "s ? " + e + "s.value : 7;");
                break;
            default:
                break;
        }
        if (shape != 3) {
            // The caught exception stays live across the handler's calls.
            f.children(1, block(c.nested(), between(0, 2)));
            f.line(1, shape == 0 ? "acc += " + e + ".value;" : "acc += String.valueOf(" + e + ".getMessage()).length();");
        }
        if (shape != 0 || chance(0.5)) {
            f.line(0, "} finally {");
            Ctx fin = c.nested();
            fin.noReturn = true;
            fin.loops = 0;
            f.children(1, block(fin, between(1, 2)));
        }
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment tryWithResources(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String r1 = name("r");
        String r2 = name("r");
        boolean two = chance(0.5);
        boolean catches = has("exceptions") && chance(0.5);
        f.line(0, "try (Res " + r1 + " = new Res(" + lng(c, 1) + ")" + (two ? "; Res " + r2 + " = new Res(" + lng(c, 1) + ")" : "") + ") {");
        Ctx body = c.nested();
        body.catchesSignal = catches;
        f.line(1, "acc += " + r1 + ".use(" + lng(body, 1) + ");");
        f.children(1, block(body, between(1, 2)));
        if (two) {
            f.line(1, "acc ^= " + r2 + ".use(acc);");
        }
        if (catches) {
            String e = name("e");
            f.line(0, "} catch (Signal " + e + ") {");
            f.line(1, "acc += " + e + ".value;");
        }
        f.line(0, "}");
        c.spend(6);
        return f;
    }

    /** A StringBuilder in a local, appended to across calls. */
    private GeneratedFragment stringBuilder(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String sb = name("sb");
        String i = name("i");
        int n = between(1, 4);
        f.line(0, "StringBuilder " + sb + " = new StringBuilder(\"" + NAMES[rnd.nextInt(NAMES.length)] + "\");");
        f.line(0, "for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++) {");
        Ctx body = c.loop(n);
        body.vars.add(new Var(i, "int", false));
        f.line(1, sb + ".append(" + lng(body, 2) + ").append(',');");
        f.children(1, block(body, between(0, 2)));
        f.line(0, "}");
        f.line(0, "acc += " + sb + ".toString().hashCode() + " + sb + ".length();");
        return f;
    }

    private GeneratedFragment synchronizedBlock(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String lock = c.inClass ? pick("this", "LOCK", "COUNTS") : pick("LOCK", "COUNTS", "HISTORY");
        f.line(0, "synchronized (" + lock + ") {");
        f.children(1, block(c.nested(), between(1, 3)));
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment forEach(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String v = name("v");
        int n = between(1, 4);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i == 0 ? asLong(lng(c, 1)) : literal());
        }
        String list = "List.of(" + String.join(", ", items) + ")";
        String source;
        int iterations = n;
        switch (rnd.nextInt(7)) {
            case 0:
                source = list;
                break;
            case 1:
                source = "new ArrayList<>(" + list + ")";
                break;
            case 2:
                source = "new ArrayDeque<>(" + list + ")";
                break;
            case 3:
                source = "new LinkedList<>(" + list + ")";
                break;
            case 4:
                source = "new TreeSet<>(" + list + ")";
                break;
            case 5:
                source = "new TreeMap<>(COUNTS).values()";
                iterations = 4;
                break;
            default:
                if (!has("arrays")) {
                    return null;
                }
                source = "new long[] {" + String.join(", ", items) + "}";
                break;
        }
        f.line(0, "for (long " + v + " : " + source + ") {");
        Ctx body = c.loop(iterations);
        body.vars.add(new Var(v, "long", false));
        f.children(1, block(body, between(1, 3)));
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment lambda(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        int kind = rnd.nextInt(6);
        if (kind == 0 && has("lambdas")) {
            String fn = name("f");
            String p = name("p");
            Ctx body = c.lambdaBody(2);
            body.vars.add(new Var(p, "long", false));
            f.line(0, "LongUnaryOperator " + fn + " = " + p + " -> " + lng(body, 2) + ";");
            f.line(0, "acc = " + fn + ".applyAsLong(acc) + " + fn + ".applyAsLong(" + lng(c, 1) + ");");
            return f;
        }
        if (kind == 1 && has("lambdas")) {
            String fn = name("f");
            String cap = name("c");
            String a = name("a");
            String b = name("b");
            f.line(0, "final long " + cap + " = acc;");
            Ctx body = c.lambdaBody(1);
            body.vars.addAll(List.of(new Var(a, "int", false), new Var(b, "long", false), new Var(cap, "long", false)));
            f.line(0, "Fn " + fn + " = (" + a + ", " + b + ") -> {");
            f.line(1, "long " + name("t") + " = " + lng(body, 2) + ";");
            f.line(1, "return " + lng(body, 1) + " ^ " + cap + ";");
            f.line(0, "};");
            f.line(0, "acc += " + fn + ".apply(" + integer(c, 1) + ", " + lng(c, 1) + ");");
            return f;
        }
        if (kind == 2 && has("method-references")) {
            StaticMethod m = callee(c, false, 2);
            if (m == null) {
                return null;
            }
            String fn = name("f");
            f.line(0, "Fn " + fn + " = " + cls + "::" + m.name() + ";");
            f.line(0, "acc += " + fn + ".apply(" + (m.recursive ? between(0, m.maxDepth) : integer(c, 1)) + ", " + lng(c, 1) + ");");
            c.spend(m.cost);
            return f;
        }
        if (kind == 3 && has("lambdas")) {
            String sh = name("sh");
            String q = name("q");
            Ctx body = c.lambdaBody(2);
            body.vars.add(new Var(q, "long", false));
            f.line(0, "Shape " + sh + " = " + q + " -> " + lng(body, 2) + ";");
            f.line(0, "acc += " + sh + ".twice(" + lng(c, 1) + ") - " + sh + ".area(acc);");
            return f;
        }
        if (kind == 4 && has("streams") && has("lambdas")) {
            int n = between(2, 5);
            String v = name("v");
            Ctx body = c.lambdaBody(n);
            body.vars.add(new Var(v, "long", false));
            f.line(0, "acc += LongStream.rangeClosed(1, " + n + ").map(" + v + " -> " + lng(body, 2) + ").sum();");
            return f;
        }
        if (kind == 5 && has("streams") && has("lambdas")) {
            int n = between(2, 4);
            String v = name("v");
            Ctx body = c.lambdaBody(n);
            body.vars.add(new Var(v, "long", false));
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(literal());
            }
            String boxed = name("o");
            f.line(0, "List.of(" + String.join(", ", items) + ").forEach(" + boxed + " -> {");
            f.line(1, "long " + v + " = " + boxed + ";");
            f.line(1, "mix(" + lng(body, 2) + ");");
            f.line(0, "});");
            return f;
        }
        return null;
    }

    /** Calls a method that may throw a Signal, inside its own handler. */
    private GeneratedFragment guardedCall(Ctx c) {
        if (!has("exceptions") || c.noTry) {
            return null;
        }
        StaticMethod m = callee(c, true, 1);
        if (m == null) {
            return null;
        }
        c.spend(m.cost);
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String e = name("e");
        f.line(0, "try {");
        f.line(1, "acc += " + call(c, m) + ";");
        f.line(0, "} catch (Signal " + e + ") {");
        f.line(1, "acc ^= mix(" + e + ".value);");
        if (chance(0.4)) {
            f.line(0, "} finally {");
            f.line(1, "mix(acc);");
        }
        f.line(0, "}");
        return f;
    }

    private GeneratedFragment objects(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        switch (rnd.nextInt(5)) {
            case 4: {
                if (!c.afford(costArea + 1)) {
                    return null;
                }
                c.spend(costArea + 1);
                f.line(0, "if (!KEPT.isEmpty()) {");
                f.line(1, "acc += KEPT.get(Math.floorMod(" + integer(c, 1) + ", KEPT.size())).area(" + lng(c, 1) + ");");
                f.line(0, "}");
                return f;
            }
            case 0: {
                if (!c.afford(costNewSubA2 + costStep + costArea + 1)) {
                    return null;
                }
                c.spend(costNewSubA2 + costStep + costArea + 1);
                String b = name("b");
                f.line(0, "Base " + b + " = new SubA(" + integer(c, 1) + ", " + lng(c, 1) + ");");
                f.line(0, "acc += " + b + ".step(" + lng(c, 1) + ") + " + b + ".twice(" + lng(c, 1) + ");");
                // The object is now reachable from a static list as well as from this frame.
                f.line(0, "if (KEPT.size() < 6) {");
                f.line(1, "KEPT.add(" + b + ");");
                f.line(0, "}");
                return f;
            }
            case 1: {
                if (var(c, "Shape[]", false) == null || !c.afford(4 * costArea)) {
                    return null;
                }
                String sh = name("sh");
                f.line(0, "for (Shape " + sh + " : shapes) {");
                Ctx body = c.loop(4);
                body.spend(costArea);
                f.line(1, "acc += " + sh + ".area(" + lng(body, 1) + ");");
                f.children(1, block(body, between(0, 1)));
                f.line(0, "}");
                return f;
            }
            case 2: {
                if (!has("anonymous-classes") || !c.afford(costNewBase + costArea + 2)) {
                    return null;
                }
                c.spend(costNewBase + costArea + 2);
                String b = name("b");
                String q = name("q");
                f.line(0, "Base " + b + " = new Base(" + integer(c, 1) + ", " + lng(c, 1) + ") {");
                f.line(1, "@Override");
                f.line(1, "long step(long " + q + ") {");
                StaticMethod lower = cheapLower();
                f.line(2, "return mix(" + q + " * " + between(2, 9) + " + state"
                        + (lower == null ? "" : " + " + lower.name() + "(" + (lower.recursive ? "0" : "1") + ", " + q + ")") + ");");
                f.line(1, "}");
                f.line(0, "};");
                f.line(0, "acc ^= " + b + ".area(" + lng(c, 1) + ") + " + b + ".state;");
                return f;
            }
            default: {
                if (!c.afford(costNewSubB + costArea + costBump)) {
                    return null;
                }
                c.spend(costNewSubB + costArea + costBump);
                f.line(0, "acc += new SubB(" + integer(c, 1) + ").area(" + lng(c, 1) + ") + new SubA("
                        + integer(c, 1) + ").bump(" + lng(c, 1) + ");");
                c.spend(costNewSubA1);
                return f;
            }
        }
    }

    private GeneratedFragment arrays(Ctx c) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        String g = name("g");
        String i = name("i");
        String j = name("j");
        int n = between(2, 3);
        int m = between(2, 4);
        if (chance(0.5)) {
            f.line(0, "int[][] " + g + " = new int[" + n + "][" + m + "];");
            f.line(0, "for (int " + i + " = 0; " + i + " < " + g + ".length; " + i + "++) {");
            f.line(1, "for (int " + j + " = 0; " + j + " < " + g + "[" + i + "].length; " + j + "++) {");
            Ctx body = c.loop(n * m);
            body.vars.add(new Var(i, "int", false));
            body.vars.add(new Var(j, "int", false));
            f.line(2, g + "[" + i + "][" + j + "] = " + integer(body, 2) + " + " + i + " * " + j + ";");
            f.line(1, "}");
            f.line(1, "acc += java.util.Arrays.stream(" + g + "[" + i + "]).sum();");
            f.line(0, "}");
        } else {
            f.line(0, "double[] " + g + " = new double[" + n + "];");
            f.line(0, "for (int " + i + " = 0; " + i + " < " + g + ".length; " + i + "++) {");
            Ctx body = c.loop(n);
            body.vars.add(new Var(i, "int", false));
            f.line(1, g + "[" + i + "] = " + dbl(body, 2) + ";");
            f.line(1, "d += " + g + "[" + i + "];");
            f.line(0, "}");
            f.line(0, "acc ^= Double.doubleToLongBits(" + g + "[" + (n - 1) + "]);");
        }
        return f;
    }

    // ---------------------------------------------------------------- expressions

    /** A long-valued expression; calls (and their cost) only where the budget allows. */
    private String lng(Ctx c, int depth) {
        if (depth <= 0) {
            return longAtom(c);
        }
        switch (rnd.nextInt(13)) {
            case 0:
            case 1:
                return longAtom(c);
            case 2:
            case 3:
                return "(" + lng(c, depth - 1) + " " + pick("+", "-", "*", "^", "&", "|") + " " + lng(c, depth - 1) + ")";
            case 4:
                return pick("Long.rotateLeft(" + lng(c, depth - 1) + ", " + between(1, 40) + ")",
                        "(" + lng(c, depth - 1) + " >>> " + between(1, 30) + ")",
                        "(" + lng(c, depth - 1) + " << " + between(1, 12) + ")",
                        "(" + lng(c, depth - 1) + " / ((" + integer(c, depth - 1) + " & 7) + 1))",
                        "Math.floorMod(" + lng(c, depth - 1) + ", " + between(2, 1000) + "L)");
            case 5:
            case 6:
            case 7: {
                StaticMethod m = callee(c, false, 1);
                if (m == null) {
                    return longAtom(c);
                }
                c.spend(m.cost);
                return call(c, m);
            }
            case 8:
                return virtual(c, depth);
            case 9:
                return "(" + bool(c, depth - 1) + " ? " + lng(c, depth - 1) + " : " + lng(c, depth - 1) + ")";
            case 10:
                return "(long) (" + dbl(c, depth - 1) + ")";
            case 11:
                if (var(c, "long[]", false) != null && has("arrays")) {
                    return "arr[Math.floorMod(" + integer(c, depth - 1) + ", arr.length)]";
                }
                return longAtom(c);
            default:
                if (var(c, "String", false) != null && has("strings")) {
                    return pick("s.hashCode()", "(long) s.length()", "(s + " + integer(c, depth - 1) + ").hashCode()");
                }
                return longAtom(c);
        }
    }

    private String virtual(Ctx c, int depth) {
        if (c.thisCalls.size() > 0) {
            String method = c.thisCalls.get(rnd.nextInt(c.thisCalls.size()));
            long cost = method.equals("bump") ? costBump : method.equals("step") ? costStep : costArea;
            if (c.afford(cost)) {
                c.spend(cost);
                return method + "(" + lng(c, depth - 1) + ")";
            }
        }
        if (c.objects && var(c, "Shape[]", false) != null && c.afford(costArea + 1)) {
            c.spend(costArea + 1);
            return "shapes[Math.floorMod(" + integer(c, depth - 1) + ", shapes.length)]." + pick("area", "twice") + "(" + lng(c, depth - 1) + ")";
        }
        if (c.objects && c.afford(costNewSubB + costStep)) {
            c.spend(costNewSubB + costStep);
            return "new SubB(" + integer(c, depth - 1) + ").step(" + lng(c, depth - 1) + ")";
        }
        return longAtom(c);
    }

    private String longAtom(Ctx c) {
        List<Var> longs = vars(c, "long");
        List<Var> ints = vars(c, "int");
        int r = rnd.nextInt(4);
        if (r <= 1 && !longs.isEmpty()) {
            return longs.get(rnd.nextInt(longs.size())).name;
        }
        if (r == 2 && !ints.isEmpty()) {
            return ints.get(rnd.nextInt(ints.size())).name;
        }
        return literal();
    }

    private String integer(Ctx c, int depth) {
        List<Var> ints = vars(c, "int");
        int r = rnd.nextInt(depth <= 0 ? 3 : 6);
        switch (r) {
            case 0:
            case 1:
                return ints.isEmpty() ? Integer.toString(between(0, 20)) : ints.get(rnd.nextInt(ints.size())).name;
            case 2:
                return Integer.toString(between(0, 20));
            case 3:
                return "(int) " + wrap(lng(c, depth - 1));
            case 4:
                return "(" + integer(c, depth - 1) + " " + pick("+", "*", "-", "^") + " " + integer(c, depth - 1) + ")";
            default:
                return var(c, "String", false) != null && has("strings") ? "s.length()" : "(int) (" + longAtom(c) + " >>> 3)";
        }
    }

    private String dbl(Ctx c, int depth) {
        boolean hasD = var(c, "double", false) != null;
        if (depth <= 0) {
            return hasD && chance(0.6) ? "d" : between(0, 99) + "." + between(0, 9) + "5";
        }
        switch (rnd.nextInt(6)) {
            case 0:
                return "(" + dbl(c, depth - 1) + " " + pick("+", "-", "*") + " " + dbl(c, depth - 1) + ")";
            case 1:
                return "(" + dbl(c, depth - 1) + " / " + between(1, 9) + ".0)";
            case 2:
                return "Math.sqrt(Math.abs(" + dbl(c, depth - 1) + "))";
            case 3:
                return "(" + dbl(c, depth - 1) + " + " + lng(c, depth - 1) + ")";
            case 4:
                return "Math.floor(" + dbl(c, depth - 1) + " * 0.5)";
            default:
                return dbl(c, 0);
        }
    }

    private String bool(Ctx c, int depth) {
        switch (rnd.nextInt(4)) {
            case 0:
                return "(" + lng(c, depth) + " & " + between(1, 7) + "L) == 0";
            case 1:
                return integer(c, depth) + " " + pick(">", "<", ">=", "!=") + " " + between(0, 12);
            case 2:
                return dbl(c, depth) + " " + pick("<", ">") + " " + between(0, 50) + ".0";
            default:
                return "Math.floorMod(" + lng(c, depth) + ", 3L) == " + between(0, 2);
        }
    }

    private String call(Ctx c, StaticMethod m) {
        String first = m.recursive ? Integer.toString(between(0, m.maxDepth)) : integer(c, 1);
        return m.name() + "(" + first + ", " + lng(c, 0) + ")";
    }

    /** A static method the context may call (a throwing one only when asked), affordable {@code times} times. */
    private StaticMethod callee(Ctx c, boolean throwing, int times) {
        List<StaticMethod> options = new ArrayList<>();
        for (int i = c.minCallee; i < methods.length; i++) {
            StaticMethod m = methods[i];
            if (m != null && m.throwsSignal == throwing && c.afford(m.cost * times)) {
                options.add(m);
            }
        }
        return options.isEmpty() ? null : options.get(rnd.nextInt(options.size()));
    }

    /** A lower static method no dearer than a step: what an anonymous step override may call. */
    private StaticMethod cheapLower() {
        for (int i = lowerStart; i < methods.length; i++) {
            StaticMethod m = methods[i];
            if (!m.throwsSignal && (m.recursive ? m.costAt(0) : m.cost) <= costStep) {
                return m;
            }
        }
        return null;
    }

    /** A lower-static-calling long expression for constructor arguments: always makes at least one call when one is affordable. */
    private String lngWithCall(Ctx c) {
        StaticMethod m = callee(c, false, 1);
        if (m == null) {
            return lng(c, 1);
        }
        c.spend(m.cost);
        return "(" + lng(c, 1) + " + " + call(c, m) + ")";
    }

    // ---------------------------------------------------------------- helpers

    private GeneratedFragment fragment(Kind kind) {
        return new GeneratedFragment(ids++, kind);
    }

    private GeneratedFragment fixed() {
        return fragment(Kind.FIXED);
    }

    /** A removable statement of the given lines; leading groups of four spaces indent a line. */
    private GeneratedFragment lines(String... lines) {
        GeneratedFragment f = fragment(Kind.STATEMENT);
        for (String line : lines) {
            int indent = 0;
            while (line.startsWith("    ")) {
                line = line.substring(4);
                indent++;
            }
            f.line(indent, line);
        }
        return f;
    }

    private String name(String prefix) {
        return prefix + names++;
    }

    private String literal() {
        switch (rnd.nextInt(4)) {
            case 0:
                return rnd.nextInt(100) + "L";
            case 1:
                return "0x" + Long.toHexString(rnd.nextLong() & 0x7FFFFFFFFFFFL) + "L";
            case 2:
                return Long.toString(-rnd.nextInt(1000)) + "L";
            default:
                return rnd.nextInt(1 << 20) + "L";
        }
    }

    /** Expressions may be int-typed; boxing into a Long needs a long. */
    private static String asLong(String expr) {
        return "(long) (" + expr + ")";
    }

    private static String wrap(String expr) {
        return "(" + expr + ")";
    }

    private int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private Var var(Ctx c, String type, boolean assignable) {
        List<Var> matching = new ArrayList<>();
        for (Var v : c.vars) {
            if (v.type.equals(type) && (!assignable || v.assignable)) {
                matching.add(v);
            }
        }
        return matching.isEmpty() ? null : matching.get(0);
    }

    private Var pickVar(Ctx c, String type, boolean assignable) {
        List<Var> matching = new ArrayList<>();
        for (Var v : c.vars) {
            if (v.type.equals(type) && (!assignable || v.assignable)) {
                matching.add(v);
            }
        }
        return matching.get(rnd.nextInt(matching.size()));
    }

    private static List<Var> vars(Ctx c, String type) {
        List<Var> matching = new ArrayList<>();
        for (Var v : c.vars) {
            if (v.type.equals(type)) {
                matching.add(v);
            }
        }
        return matching;
    }

    /** A local, parameter or field an expression may read (and a statement assign when assignable). */
    private record Var(String name, String type, boolean assignable) {
    }

    /** A generated static method {@code m<index>(int k, long x)} and what a call to it costs. */
    private static final class StaticMethod {
        final int index;
        boolean recursive;
        boolean binary;
        boolean throwsSignal;
        int maxDepth;
        long perCall;
        long cost;
        GeneratedFragment fragment;

        StaticMethod(int index) {
            this.index = index;
        }

        String name() {
            return "m" + index;
        }

        /** Calls made by one call at {@code depth}: depth + 1, or a Fibonacci-like bound for two self-calls. */
        long calls(int depth) {
            return binary ? 1L << (depth + 1) : depth + 1;
        }

        long costAt(int depth) {
            return perCall * calls(depth);
        }
    }

    /**
     * Where code is being generated: what it may call, its variables, how often it runs (mult)
     * and the estimated cost spent so far in its method against that method's budget.
     */
    private static final class Ctx {
        final int minCallee;
        final boolean objects;
        final List<String> thisCalls;
        final long[] cost;
        long cap;
        boolean returns;
        final List<Var> vars = new ArrayList<>();
        long mult = 1;
        int loops;
        int depth;
        boolean noReturn;
        boolean catchesSignal;
        boolean inClass;
        boolean noTry;

        Ctx(int minCallee, boolean objects, List<String> thisCalls, long[] cost, long cap, boolean returns) {
            this.minCallee = minCallee;
            this.objects = objects;
            this.thisCalls = thisCalls;
            this.cost = cost;
            this.cap = cap;
            this.returns = returns;
        }

        boolean afford(long c) {
            return cost[0] + mult * c <= cap;
        }

        void spend(long c) {
            cost[0] += mult * c;
        }

        Ctx nested() {
            Ctx n = new Ctx(minCallee, objects, thisCalls, cost, cap, returns);
            n.vars.addAll(vars);
            n.mult = mult;
            n.loops = loops;
            n.depth = depth + 1;
            n.noReturn = noReturn;
            n.catchesSignal = catchesSignal;
            n.inClass = inClass;
            n.noTry = noTry;
            return n;
        }

        Ctx loop(int iterations) {
            Ctx n = nested();
            n.mult = mult * iterations;
            n.loops = loops + 1;
            return n;
        }

        /** A lambda body run {@code times} times: only its own parameters and statics. */
        Ctx lambdaBody(int times) {
            Ctx n = new Ctx(minCallee, false, List.of(), cost, cap, false);
            n.mult = mult * times;
            n.depth = depth + 1;
            return n;
        }
    }
}
