package dev.stasis.agent.rewrite;

import dev.stasis.internal.format.MethodInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.JSRInlinerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Rewrites one application class: instruments the methods that can be on a captured stack, adds
 * restore-only copies of constructors that can be captured after their super(...) call, makes
 * lambdas serializable so they can be written by meaning, and hooks the static initializer so a
 * restored class gets its static fields from the checkpoint instead of running it again.
 */
public final class ClassInstrumenter implements Opcodes {

    private static final String CLASS_INIT = "dev/stasis/internal/statics/ClassInit";
    private static final String NATIVE_LIBRARY_CLASSES = "dev/stasis/internal/statics/NativeLibraryClasses";
    private static final String CLASS_VALUE_CONTENTS = "dev/stasis/internal/heap/ClassValueContents";
    private static final Handle ALT_METAFACTORY = new Handle(H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory",
            "altMetafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;",
            false);
    /** LambdaMetafactory.FLAG_SERIALIZABLE. */
    private static final int FLAG_SERIALIZABLE = 1;
    /** HotSpot's HugeMethodLimit: longer methods are never JIT-compiled (DontCompileHugeMethods). */
    private static final int HUGE_METHOD_LIMIT = 8000;
    /**
     * The words of a HotSpot interpreter frame besides its locals and operand stack (return
     * address, frame pointer, method, constant pool cache, bytecode, locals and stack pointers...:
     * 11 on x86-64), rounded up: see {@link RewrittenClass.Method#rebuildWords}.
     */
    private static final int FRAME_WORDS = 12;

    private final InstrumentationScope scope;
    private final Consumer<String> debug;

    /** @param debug receives one line per rewritten method, or null when not debugging */
    public ClassInstrumenter(InstrumentationScope scope, Consumer<String> debug) {
        this.scope = scope;
        this.debug = debug;
    }

    /** A method that was instrumented, kept until the class is written and its offsets are known. */
    private static final class Done {
        final MethodNode node;
        final String key;
        final MethodInstrumenter.Result result;
        final MethodInfo info;
        final int originalBytes;

        Done(MethodNode node, String key, MethodInstrumenter.Result result, MethodInfo info, int originalBytes) {
            this.node = node;
            this.key = key;
            this.result = result;
            this.info = info;
            this.originalBytes = originalBytes;
        }
    }

    /**
     * The rewritten class file, or null when the class needs no change; the runtime has been told
     * about the class's rewritten methods.
     */
    public byte[] rewrite(ClassLoader loader, byte[] classFile) {
        RewrittenClass rewritten = rewriteClass(loader, classFile);
        rewritten.apply(loader, debug);
        return rewritten.bytes;
    }

    /** Rewrites the class; nothing is registered with the runtime until {@link RewrittenClass#apply}. */
    RewrittenClass rewriteClass(ClassLoader loader, byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        int majorVersion = reader.readUnsignedShort(6);
        // jsr and ret appear only in class files before version 51 (JVMS 4.9.1); inlining their
        // subroutines copies each method once more, so later class files are read as they are
        boolean subroutines = majorVersion < 51;
        ClassNode cn = new ClassNode(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                return subroutines ? new JSRInlinerAdapter(method, access, name, descriptor, signature, exceptions)
                        : method;
            }
        };
        reader.accept(cn, ClassReader.SKIP_FRAMES);
        RewrittenClass rewritten = new RewrittenClass(cn.name);
        if ((cn.access & ACC_MODULE) != 0 || cn.name.endsWith("package-info")
                || "java/lang/reflect/Proxy".equals(cn.superName)) {
            // A proxy class (in its interface's package when that interface is not public) is
            // generated again by the JDK from its interfaces in any JVM: its initialization must
            // not be recorded, or a restore would look for it by name.
            return rewritten;
        }
        rewritten.hashCodeKind = hashCodeKind(cn);
        ClassHierarchy hierarchy = new ClassHierarchy(loader, rewritten.facts);
        hierarchy.define(classFile);
        Set<MethodNode> withoutSafePoints = Collections.newSetFromMap(new IdentityHashMap<>());
        for (MethodNode m : cn.methods) {
            if (!mayNeedRewriting(m)) {
                withoutSafePoints.add(m);
            }
        }
        hierarchy.exactLeaves(cn.name, exactLeaves(cn, withoutSafePoints));
        boolean isInterface = (cn.access & ACC_INTERFACE) != 0;
        boolean isRecord = "java/lang/Record".equals(cn.superName);
        boolean changed = false;

        List<Done> done = new ArrayList<>();
        List<MethodNode> copies = new ArrayList<>();
        Map<MethodNode, MethodNode> originals = new IdentityHashMap<>();
        Set<String> taken = declared(cn);
        boolean constructorCopies = false;
        for (int m = 0; m < cn.methods.size(); m++) {
            MethodNode original = cn.methods.get(m);
            if (withoutSafePoints.contains(original)) {
                continue;
            }
            // a method that asks for checkpoints has a call or @Checkpoint, so it passed the test above
            rewritten.checkpoints |= asksForCheckpoints(original);
            String key = cn.name + "." + original.name + original.desc;
            MethodNode work = MethodCopy.of(original);
            MethodInstrumenter.Result result;
            try {
                result = new MethodInstrumenter(cn.name, work, hierarchy, scope, MethodInstrumenter.Variant.ORIGINAL,
                        key, !isRecord && !isInterface).instrument();
                if (result != null && !isThreadBase(original) && growsPastHugeMethodLimit(original, work)) {
                    int all = result.sites.size();
                    Fitted fitted = original.name.equals("<init>") ? null
                            : fitUnderHugeMethodLimit(cn.name, original, work, result, hierarchy, key, declared(cn));
                    if (fitted == null) {
                        if (debug != null) {
                            rewritten.notes.add("not instrumented: " + key + ": its instrumented code would pass "
                                    + HUGE_METHOD_LIMIT + " bytes, past which HotSpot never compiles a method"
                                    + " (-XX:-DontCompileHugeMethods), even with a single call site; its frames"
                                    + " cannot be captured");
                        }
                        continue;
                    }
                    work = fitted.node();
                    result = fitted.result();
                    if (debug != null) {
                        rewritten.notes.add("instrumented in part: " + key + ": " + result.sites.size() + " of " + all
                                + " call sites (the calls that may come back into its class, its safe points):"
                                + " all of them would pass "
                                + HUGE_METHOD_LIMIT + " bytes, past which HotSpot never compiles a method; a thread"
                                + " in one of the other calls is captured at its next safe point");
                    }
                }
                if (result != null && !original.name.equals("<init>")) {
                    RestoreCopy.Split split = RestoreCopy.of(cn.name, isInterface, key, work, result, taken);
                    if (split != null) {
                        copies.add(split.copy());
                        originals.put(split.copy(), null);
                        done.add(new Done(split.copy(), key, split.copyResult(), null, 0));
                        work = split.method();
                        result = split.methodResult();
                    }
                }
                if (result != null && original.name.equals("<init>") && result.needsConstructorCopy()) {
                    MethodNode copy = MethodCopy.of(original);
                    copy.localVariables = null;
                    copy.visibleLocalVariableAnnotations = null;
                    copy.invisibleLocalVariableAnnotations = null;
                    MethodInstrumenter.Result copyResult = new MethodInstrumenter(cn.name, copy, hierarchy, scope,
                            MethodInstrumenter.Variant.CONSTRUCTOR_RESUME, key, true).instrument();
                    if (copyResult == null) {
                        throw new AnalyzerException(null, "constructor copy has no call sites");
                    }
                    copy.name = MethodInstrumenter.copyName(cn.name);
                    copy.access = ACC_PUBLIC | ACC_SYNTHETIC;
                    constructorCopies = true;
                    copies.add(copy);
                    originals.put(copy, null);
                    done.add(new Done(copy, key, copyResult, null, 0));
                }
            } catch (AnalyzerException | RuntimeException e) {
                if (debug != null) {
                    rewritten.notes.add("not instrumented: " + key + ": " + e);
                }
                continue;
            }
            if (result == null) {
                continue;
            }
            MethodInfo info = new MethodInfo(key, MethodFingerprint.of(original), cn.sourceFile,
                    lines(result), layouts(result));
            done.add(new Done(work, key, result, info, debug != null ? CodeSize.of(original) : 0));
            cn.methods.set(m, work);
            originals.put(work, original);
            changed = true;
        }
        cn.methods.addAll(copies);
        if (constructorCopies) {
            for (FieldNode f : cn.fields) {
                if ((f.access & ACC_STATIC) == 0) {
                    f.access &= ~ACC_FINAL;
                }
            }
        }
        for (MethodNode m : cn.methods) {
            changed |= makeLambdasSerializable(m);
            changed |= noticeNativeLibraryLoads(m);
        }
        changed |= hookComputeValue(cn, hierarchy);
        changed |= hookStaticInitializer(cn, rewritten, majorVersion >= 49);
        if (!changed) {
            return rewritten;
        }
        rewritten.bytes = write(cn, hierarchy, done, originals, rewritten);
        Map<String, Integer> rebuildWords = new HashMap<>();
        for (Done d : done) {
            int words = FRAME_WORDS + d.node.maxLocals + d.node.maxStack;
            if (!d.result.resumeCode.isEmpty()) {
                for (CallSite site : d.result.sites) {
                    words += site.restoredValues();
                }
            }
            rebuildWords.merge(d.key, words, Integer::sum);
        }
        for (Done d : done) {
            Map<LabelNode, Integer> labels = d.result.captureLabels;
            int[] bcis = new int[labels.size()];
            int[] siteWords = new int[labels.size()];
            int k = 0;
            for (Map.Entry<LabelNode, Integer> e : labels.entrySet()) {
                bcis[k] = e.getKey().getLabel().getOffset();
                siteWords[k] = d.result.sites.get(e.getValue()).siteWord();
                k++;
            }
            int[] unrecorded = new int[d.result.unrecordedLabels.size()];
            for (int u = 0; u < unrecorded.length; u++) {
                unrecorded[u] = d.result.unrecordedLabels.get(u).getLabel().getOffset();
            }
            rewritten.methods.add(new RewrittenClass.Method(d.node.name, d.node.desc, d.key, bcis, siteWords,
                    unrecorded, rebuildWords.get(d.key), d.info));
            if (debug != null && d.info != null) {
                rewritten.notes.add("instrumented " + d.key + ": " + d.result.sites.size() + " call sites, "
                        + d.originalBytes + " -> " + CodeSize.of(d.node) + " bytes of bytecode"
                        + " (HotSpot inlines hot methods up to 325 bytes, others up to 35)");
            } else if (debug != null && !d.node.name.equals(MethodInstrumenter.copyName(cn.name))) {
                rewritten.notes.add("restore-only copy of " + d.key + ": " + CodeSize.of(d.node)
                        + " bytes of bytecode (the code only a resume runs, moved out of the method)");
            }
        }
        return rewritten;
    }

    /**
     * Writes the class. A method whose instrumented code exceeds the JVM's 64 KiB limit (JVMS
     * 4.7.3) goes back to its original code, so its frames cannot be captured but the class loads.
     */
    private byte[] write(ClassNode cn, ClassHierarchy hierarchy, List<Done> done, Map<MethodNode, MethodNode> originals,
            RewrittenClass rewritten) {
        while (true) {
            HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
            try {
                cn.accept(writer);
                return writer.toByteArray();
            } catch (RuntimeException e) {
                // A method past 64 KiB (MethodTooLargeException), past the 32 KiB that 16-bit
                // jump offsets reach (which ASM cannot always fix by itself), or past ASM's limits
                // on frame computation: the method named, or else the largest rewritten one, goes
                // back to its original code.
                MethodNode tooLarge = null;
                for (MethodNode m : cn.methods) {
                    boolean named = e instanceof MethodTooLargeException
                            && m.name.equals(((MethodTooLargeException) e).getMethodName())
                            && m.desc.equals(((MethodTooLargeException) e).getDescriptor());
                    boolean larger = !(e instanceof MethodTooLargeException)
                            && (tooLarge == null || m.instructions.size() > tooLarge.instructions.size());
                    if (originals.containsKey(m) && (named || larger)) {
                        tooLarge = m;
                    }
                }
                if (tooLarge == null) {
                    throw e;
                }
                // A method and its restore-only copy go back together: one without the other would
                // register call sites that cannot be resumed.
                String key = null;
                for (Done d : done) {
                    if (d.node == tooLarge) {
                        key = d.key;
                    }
                }
                for (Done d : new ArrayList<>(done)) {
                    if (d.node == tooLarge || d.key.equals(key)) {
                        MethodNode original = originals.remove(d.node);
                        if (original == null) {
                            cn.methods.remove(d.node);
                        } else {
                            cn.methods.set(cn.methods.indexOf(d.node), original);
                        }
                        done.remove(d);
                    }
                }
                if (debug != null) {
                    rewritten.notes.add("not instrumented: " + cn.name + "." + tooLarge.name + tooLarge.desc
                            + ": instrumented code too large (" + e + ")");
                }
            }
        }
    }

    /** A method instrumented at some of its call sites, and what that produced. */
    private record Fitted(MethodNode node, MethodInstrumenter.Result result) {
    }

    /**
     * The method instrumented at the call sites {@link SiteSelection} picks to stay under the
     * limit, given {@code whole}, the method instrumented at all its sites ({@code wholeResult}),
     * and {@code declared}, what its class declares; null when no site fits. The sites' sizes
     * are estimates, so the budget shrinks by what an attempt overshot until one fits.
     */
    private Fitted fitUnderHugeMethodLimit(String owner, MethodNode original, MethodNode whole,
            MethodInstrumenter.Result wholeResult, ClassHierarchy hierarchy, String key, Set<String> declared)
            throws AnalyzerException {
        long estimated = 0;
        for (CallSite s : wholeResult.sites) {
            estimated += s.estimatedBytes();
        }
        // What the sites add, measured on the whole, calibrates the estimates for this method;
        // the rest (its own code, the polls' tests, the dispatch) stays whatever is left out.
        int own = CodeSize.of(original) + 100;
        double scale = Math.max(1.0, (CodeSize.of(whole) - own) / (double) Math.max(1, estimated));
        int budget = (int) ((HUGE_METHOD_LIMIT - own) / scale);
        for (int attempt = 0; attempt < 4 && budget > 0; attempt++) {
            BitSet kept = SiteSelection.within(wholeResult.sites, budget, key, declared);
            if (kept.isEmpty()) {
                return null;
            }
            MethodNode candidate = MethodCopy.of(original);
            MethodInstrumenter.Result r = new MethodInstrumenter(owner, candidate, hierarchy, scope,
                    MethodInstrumenter.Variant.ORIGINAL, key, true).onlySites(kept::get).instrument();
            if (r == null) {
                return null;
            }
            int size = CodeSize.of(candidate);
            if (size <= HUGE_METHOD_LIMIT) {
                return new Fitted(candidate, r);
            }
            budget -= (int) ((size - HUGE_METHOD_LIMIT + 200) / scale);
        }
        return null;
    }

    /** The names and descriptors of the methods {@code cn} declares. */
    private static Set<String> declared(ClassNode cn) {
        Set<String> names = new HashSet<>();
        for (MethodNode m : cn.methods) {
            names.add(m.name + m.desc);
        }
        return names;
    }

    /**
     * Whether rewriting takes a method past HotSpot's HugeMethodLimit: the JIT never compiles a
     * method longer than that, so a hot loop in it would run interpreted, many times slower than
     * the original. Such a method is instrumented at only the call sites that fit ({@link
     * #fitUnderHugeMethodLimit}), unless it is a thread's base. Exact sizes are only computed for
     * methods whose bound ({@link CodeSize#upperBound}) passes the limit.
     */
    private static boolean growsPastHugeMethodLimit(MethodNode original, MethodNode work) {
        if (CodeSize.upperBound(work) <= HUGE_METHOD_LIMIT) {
            return false;
        }
        return CodeSize.of(work) > HUGE_METHOD_LIMIT && CodeSize.of(original) <= HUGE_METHOD_LIMIT;
    }

    /**
     * What the class's own {@code hashCode()} hands out, read from its calls: the identity hash
     * when it calls {@code System.identityHashCode} or {@code Object.hashCode()} (JVMS 6.5
     * invokespecial names {@code java/lang/Object} for {@code super.hashCode()} of a class that
     * extends it), its superclass's hash when it calls another {@code hashCode()} with
     * invokespecial, else its own (see {@link RewrittenClass#hashCodeKind}).
     */
    private static int hashCodeKind(ClassNode cn) {
        for (MethodNode m : cn.methods) {
            if (!m.name.equals("hashCode") || !m.desc.equals("()I") || (m.access & (ACC_STATIC | ACC_ABSTRACT)) != 0) {
                continue;
            }
            int kind = RewrittenClass.OWN_HASH_CODE;
            for (AbstractInsnNode insn : m.instructions) {
                if (!(insn instanceof MethodInsnNode)) {
                    continue;
                }
                MethodInsnNode call = (MethodInsnNode) insn;
                if (call.getOpcode() == INVOKESTATIC && call.owner.equals("java/lang/System")
                        && call.name.equals("identityHashCode")
                        || call.getOpcode() == INVOKESPECIAL && call.owner.equals("java/lang/Object")
                        && call.name.equals("hashCode") && call.desc.equals("()I")) {
                    return RewrittenClass.IDENTITY_HASH_CODE;
                }
                if (call.getOpcode() == INVOKESPECIAL && call.name.equals("hashCode") && call.desc.equals("()I")) {
                    kind = RewrittenClass.SUPERCLASS_HASH_CODE;
                }
            }
            return kind;
        }
        return RewrittenClass.OWN_HASH_CODE;
    }

    /** Whether {@code m} is a {@code @Checkpoint} method or calls {@code Stasis.checkpoint()} or {@code requestCheckpoint()}. */
    private static boolean asksForCheckpoints(MethodNode m) {
        if (MethodInstrumenter.checkpointAnnotation(m) != null) {
            return true;
        }
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode) {
                MethodInsnNode call = (MethodInsnNode) insn;
                if (call.owner.equals(InstrumentationScope.API_CLASS)
                        && (call.name.equals("checkpoint") || call.name.equals("requestCheckpoint"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * False for a method that has no {@code @Checkpoint}, no call but to bounded arithmetic (Math,
     * Integer... see {@link Loops}) and no loop but short counted ones, which get no poll: it can
     * never be on a captured stack nor poll, so it is not even copied and analysed (most getters,
     * small arithmetic methods, a dot product; this runs as every class loads).
     */
    private static boolean mayNeedRewriting(MethodNode m) {
        if (MethodInstrumenter.checkpointAnnotation(m) != null) {
            return true;
        }
        InsnList insns = m.instructions;
        boolean loops = false;
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (insn instanceof InvokeDynamicInsnNode || insn instanceof MethodInsnNode && !Loops.isBoundedCall(insn)) {
                return true;
            }
            loops |= insn instanceof JumpInsnNode && insns.indexOf(((JumpInsnNode) insn).label) <= i
                    || insn instanceof TableSwitchInsnNode || insn instanceof LookupSwitchInsnNode;
        }
        // Short counted loops get no poll (see Loops): a method whose every loop is one has no safe point either.
        return loops && !new Loops(m).headsToPoll().isEmpty();
    }

    /**
     * The methods of {@code cn} ({@code name + desc}) that are never rewritten, since they cannot
     * reach a safe point ({@code withoutSafePoints}, see {@link #mayNeedRewriting}), and that a
     * call naming {@code cn} always runs: static, private, final, or of a final class (see
     * {@link ClassHierarchy#exactLeaves}).
     */
    private static Set<String> exactLeaves(ClassNode cn, Set<MethodNode> withoutSafePoints) {
        Set<String> leaves = new HashSet<>();
        boolean finalClass = (cn.access & ACC_FINAL) != 0;
        for (MethodNode m : withoutSafePoints) {
            boolean exact = finalClass || (m.access & (ACC_STATIC | ACC_PRIVATE | ACC_FINAL)) != 0;
            if (exact && (m.access & (ACC_ABSTRACT | ACC_NATIVE)) == 0 && !m.name.startsWith("<")) {
                leaves.add(m.name + m.desc);
            }
        }
        return leaves;
    }

    /**
     * A method that may be the bottom frame of a thread ({@code main}, {@code run()}): left
     * uninstrumented, no checkpoint could ever be taken in that thread, which matters more than
     * its speed.
     */
    private static boolean isThreadBase(MethodNode m) {
        return m.name.equals("main") && (m.desc.equals("([Ljava/lang/String;)V") || m.desc.equals("()V"))
                || m.name.equals("run") && m.desc.equals("()V");
    }

    private static int[] lines(MethodInstrumenter.Result result) {
        int[] lines = new int[result.sites.size()];
        for (CallSite s : result.sites) {
            lines[s.index] = s.line;
        }
        return lines;
    }

    private static String[] layouts(MethodInstrumenter.Result result) {
        String[] layouts = new String[result.sites.size()];
        for (CallSite s : result.sites) {
            layouts[s.index] = s.layout();
        }
        return layouts;
    }

    /**
     * Turns {@code LambdaMetafactory.metafactory} call sites into {@code altMetafactory} with
     * FLAG_SERIALIZABLE: the lambda then has a {@code writeReplace} giving its implementation
     * method and captured values, which is how the heap writer records it by meaning (a lambda's
     * hidden class cannot be named in another JVM).
     */
    private static boolean makeLambdasSerializable(MethodNode m) {
        boolean changed = false;
        for (AbstractInsnNode insn : m.instructions) {
            if (!(insn instanceof InvokeDynamicInsnNode)) {
                continue;
            }
            InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
            if (!indy.bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")) {
                continue;
            }
            if (indy.bsm.getName().equals("metafactory") && indy.bsmArgs.length == 3) {
                indy.bsm = ALT_METAFACTORY;
                indy.bsmArgs = new Object[] {indy.bsmArgs[0], indy.bsmArgs[1], indy.bsmArgs[2], FLAG_SERIALIZABLE};
                changed = true;
            } else if (indy.bsm.getName().equals("altMetafactory") && indy.bsmArgs.length >= 4
                    && indy.bsmArgs[3] instanceof Integer && ((Integer) indy.bsmArgs[3] & FLAG_SERIALIZABLE) == 0) {
                indy.bsmArgs = indy.bsmArgs.clone();
                indy.bsmArgs[3] = (Integer) indy.bsmArgs[3] | FLAG_SERIALIZABLE;
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Follows each call that loads a native library ({@code System.load}, {@code
     * System.loadLibrary} and their {@code Runtime} twins) with a call telling the runtime, which
     * then has a restored JVM initialize the classes involved afresh (see NativeLibraryClasses).
     * After the call, not instead of it: those methods are caller-sensitive, the library belongs
     * to the class loader of the class that calls them.
     */
    private static boolean noticeNativeLibraryLoads(MethodNode m) {
        boolean changed = false;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode && loadsNativeLibrary((MethodInsnNode) insn)) {
                m.instructions.insert(insn, new MethodInsnNode(INVOKESTATIC, NATIVE_LIBRARY_CLASSES, "loading", "()V",
                        false));
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Makes the {@code computeValue(Class)} of a {@code ClassValue} subclass ask the runtime first
     * (see ClassValueContents): the runtime notes which classes it computes values for, so that a
     * checkpoint can write them, and during a restore hands back the value the checkpoint held,
     * which the method then returns without running its own code. At the very start of the
     * method, where the operand stack is empty and local 1 is still the argument (JVMS 2.6.1);
     * a bridge method is left alone, as it calls the method hooked.
     */
    private static boolean hookComputeValue(ClassNode cn, ClassHierarchy hierarchy) {
        // Up the superclasses of the program's own (most classes extend Object: nothing to read);
        // a JDK superclass other than ClassValue ends the walk, as no public JDK class extends it.
        String s = cn.superName;
        while (s != null && !s.equals("java/lang/ClassValue")) {
            if (InstrumentationScope.isJdkClass(s)) {
                return false;
            }
            s = hierarchy.superName(s);
        }
        if (s == null) {
            return false;
        }
        boolean changed = false;
        for (MethodNode m : cn.methods) {
            Type[] args = Type.getArgumentTypes(m.desc);
            Type returned = Type.getReturnType(m.desc);
            boolean reference = returned.getSort() == Type.OBJECT || returned.getSort() == Type.ARRAY;
            if (!m.name.equals("computeValue") || (m.access & (ACC_STATIC | ACC_ABSTRACT | ACC_NATIVE | ACC_BRIDGE)) != 0
                    || args.length != 1 || !args[0].getDescriptor().equals("Ljava/lang/Class;") || !reference) {
                continue;
            }
            LabelNode compute = new LabelNode();
            InsnList ask = new InsnList();
            ask.add(new VarInsnNode(ALOAD, 0));
            ask.add(new VarInsnNode(ALOAD, 1));
            ask.add(new MethodInsnNode(INVOKESTATIC, CLASS_VALUE_CONTENTS, "entering",
                    "(Ljava/lang/ClassValue;Ljava/lang/Class;)Ljava/lang/Object;", false));
            ask.add(new InsnNode(DUP));
            ask.add(new FieldInsnNode(GETSTATIC, CLASS_VALUE_CONTENTS, "COMPUTE", "Ljava/lang/Object;"));
            ask.add(new JumpInsnNode(IF_ACMPEQ, compute));
            if (!returned.getDescriptor().equals("Ljava/lang/Object;")) {
                ask.add(new TypeInsnNode(CHECKCAST, returned.getInternalName()));
            }
            ask.add(new InsnNode(ARETURN));
            ask.add(compute);
            ask.add(new InsnNode(POP));
            m.instructions.insert(ask);
            changed = true;
        }
        return changed;
    }

    private static boolean loadsNativeLibrary(MethodInsnNode call) {
        boolean named = call.name.equals("load") || call.name.equals("loadLibrary");
        return named && call.desc.equals("(Ljava/lang/String;)V")
                && (call.getOpcode() == INVOKESTATIC && call.owner.equals("java/lang/System")
                        || call.getOpcode() == INVOKEVIRTUAL && call.owner.equals("java/lang/Runtime"));
    }

    /**
     * Gives the class a static initializer that first asks the runtime whether this is a restore
     * of a class that was initialized at the checkpoint; then it returns at once, and the runtime
     * sets the static fields from the checkpoint (JVMS 5.5: the initializer runs once per JVM, so
     * skipping it is the only way to avoid repeating its side effects). Static fields without a
     * constant value lose ACC_FINAL so the runtime can set them; constants keep it (their value is
     * in the class file). An interface's fields must keep it (JVMS 4.5): the runtime sets them
     * otherwise (InternalUnsafe.setStatic), and an interface without an initializer has only
     * constants. An enum's constants are re-created by the runtime without running the
     * initializer, from the constant classes recorded here (see EnumConstants).
     */
    private static boolean hookStaticInitializer(ClassNode cn, RewrittenClass rewritten, boolean namesClasses) {
        boolean isEnum = (cn.access & ACC_ENUM) != 0 && "java/lang/Enum".equals(cn.superName);
        boolean isInterface = (cn.access & ACC_INTERFACE) != 0;
        boolean hasStatics = false;
        for (FieldNode f : cn.fields) {
            if ((f.access & ACC_STATIC) != 0 && f.value == null && !isInterface) {
                hasStatics = true;
                f.access &= ~ACC_FINAL;
            }
        }
        MethodNode clinit = null;
        for (MethodNode m : cn.methods) {
            if (m.name.equals("<clinit>")) {
                clinit = m;
            }
        }
        if (clinit == null && !hasStatics) {
            return false;
        }
        if (clinit == null) {
            clinit = new MethodNode(ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.instructions.add(new InsnNode(RETURN));
            cn.methods.add(clinit);
        }
        if (isEnum) {
            recordEnumConstants(cn, clinit, rewritten);
        }
        InsnList hook = new InsnList();
        LabelNode run = new LabelNode();
        if (namesClasses) {
            hook.add(new LdcInsnNode(Type.getObjectType(cn.name)));
            hook.add(new MethodInsnNode(INVOKESTATIC, CLASS_INIT, "enter", "(Ljava/lang/Class;)Z", false));
        } else {
            // before Java 5 (version 49) ldc takes no class constant (JVMS 4.4.1)
            hook.add(new MethodInsnNode(INVOKESTATIC, CLASS_INIT, "enterCaller", "()Z", false));
        }
        hook.add(new JumpInsnNode(IFEQ, run));
        hook.add(new InsnNode(RETURN));
        hook.add(run);
        clinit.instructions.insert(hook);
        return true;
    }

    /**
     * Finds, in an enum's static initializer, the class each constant is created from (the enum
     * itself, or the class of a constant with a body): {@code new C; ...; invokespecial C.<init>;
     * putstatic E.CONSTANT}, in declaration (ordinal) order.
     */
    private static void recordEnumConstants(ClassNode cn, MethodNode clinit, RewrittenClass rewritten) {
        Set<String> constants = new HashSet<>();
        for (FieldNode f : cn.fields) {
            if ((f.access & ACC_ENUM) != 0) {
                constants.add(f.name);
            }
        }
        List<String> names = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (AbstractInsnNode insn : clinit.instructions) {
            if (insn.getOpcode() == PUTSTATIC && ((FieldInsnNode) insn).owner.equals(cn.name)
                    && constants.contains(((FieldInsnNode) insn).name)) {
                AbstractInsnNode init = MonitorAnalysis.previousReal(insn);
                if (!(init instanceof MethodInsnNode) || !((MethodInsnNode) init).name.equals("<init>")) {
                    return;
                }
                names.add(((FieldInsnNode) insn).name);
                classes.add(((MethodInsnNode) init).owner.replace('/', '.'));
            }
        }
        if (names.size() == constants.size()) {
            rewritten.enumNames = names;
            rewritten.enumClasses = classes;
        }
    }
}
