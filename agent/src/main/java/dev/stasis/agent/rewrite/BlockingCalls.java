package dev.stasis.agent.rewrite;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Redirects the JDK's blocking calls in application code ({@code Object.wait}, {@code Thread.sleep}
 * and {@code join}, {@code LockSupport.park}, {@code Condition.await}, {@code BlockingQueue.take},
 * {@code put} and timed {@code poll}, {@code Lock.lock} and {@code lockInterruptibly},
 * {@code CountDownLatch.await}, {@code Semaphore.acquire}, {@code CyclicBarrier.await},
 * {@code ReferenceQueue.remove}) to the
 * runtime's checkpoint-aware
 * replacements ({@code dev.stasis.internal.coordinator.Waits}), static methods taking the receiver
 * first. Those calls then become call sites where a frame can be captured, so a thread waiting in
 * one can be checkpointed there. Depends only on the class's bytes, like all of the rewriting.
 */
final class BlockingCalls implements Opcodes {

    static final String WAITS = "dev/stasis/internal/coordinator/Waits";

    private static final String QUEUE = "Ljava/util/concurrent/BlockingQueue;";
    private static final String CONDITION = "Ljava/util/concurrent/locks/Condition;";
    private static final String LOCK = "Ljava/util/concurrent/locks/Lock;";
    private static final String UNIT = "Ljava/util/concurrent/TimeUnit;";
    private static final String BARRIER = "java/util/concurrent/CyclicBarrier";
    private static final String CHECKPOINTABLE_BARRIER = "dev/stasis/internal/concurrent/CheckpointableBarrier";

    private static final Set<String> QUEUES = Set.of("java/util/concurrent/BlockingQueue",
            "java/util/concurrent/BlockingDeque", "java/util/concurrent/TransferQueue",
            "java/util/concurrent/ArrayBlockingQueue", "java/util/concurrent/LinkedBlockingQueue",
            "java/util/concurrent/LinkedBlockingDeque", "java/util/concurrent/PriorityBlockingQueue",
            "java/util/concurrent/SynchronousQueue", "java/util/concurrent/LinkedTransferQueue");
    private static final Set<String> LOCKS = Set.of("java/util/concurrent/locks/Lock",
            "java/util/concurrent/locks/ReentrantLock", "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");

    /** Per owner family and method (name + descriptor): the replacement (name + descriptor). */
    private static final Map<String, String> QUEUE_CALLS = new HashMap<>();
    private static final Map<String, String> LOCK_CALLS = new HashMap<>();
    private static final Map<String, String> OTHER_CALLS = new HashMap<>();

    static {
        QUEUE_CALLS.put("take()Ljava/lang/Object;", "take(" + QUEUE + ")Ljava/lang/Object;");
        QUEUE_CALLS.put("put(Ljava/lang/Object;)V", "put(" + QUEUE + "Ljava/lang/Object;)V");
        QUEUE_CALLS.put("poll(J" + UNIT + ")Ljava/lang/Object;", "poll(" + QUEUE + "J" + UNIT + ")Ljava/lang/Object;");
        LOCK_CALLS.put("lock()V", "lock(" + LOCK + ")V");
        LOCK_CALLS.put("lockInterruptibly()V", "lockInterruptibly(" + LOCK + ")V");
        OTHER_CALLS.put("java/lang/Thread.sleep(J)V", "sleep(J)V");
        OTHER_CALLS.put("java/lang/Thread.sleep(JI)V", "sleep(JI)V");
        OTHER_CALLS.put("java/util/concurrent/locks/LockSupport.park()V", "park()V");
        OTHER_CALLS.put("java/util/concurrent/locks/LockSupport.park(Ljava/lang/Object;)V", "park(Ljava/lang/Object;)V");
        OTHER_CALLS.put("java/util/concurrent/locks/Condition.await()V", "await(" + CONDITION + ")V");
        OTHER_CALLS.put("java/util/concurrent/locks/Condition.awaitNanos(J)J", "awaitNanos(" + CONDITION + "J)J");
        OTHER_CALLS.put("java/util/concurrent/locks/Condition.await(J" + UNIT + ")Z",
                "await(" + CONDITION + "J" + UNIT + ")Z");
        OTHER_CALLS.put("java/util/concurrent/CountDownLatch.await()V", "await(Ljava/util/concurrent/CountDownLatch;)V");
        OTHER_CALLS.put("java/util/concurrent/Semaphore.acquire()V", "acquire(Ljava/util/concurrent/Semaphore;)V");
        OTHER_CALLS.put("java/util/concurrent/Semaphore.acquire(I)V", "acquire(Ljava/util/concurrent/Semaphore;I)V");
        OTHER_CALLS.put("java/util/concurrent/CyclicBarrier.await()I", "await(Ljava/util/concurrent/CyclicBarrier;)I");
        OTHER_CALLS.put("java/lang/ref/ReferenceQueue.remove()Ljava/lang/ref/Reference;",
                "remove(Ljava/lang/ref/ReferenceQueue;)Ljava/lang/ref/Reference;");
        OTHER_CALLS.put("java/lang/ref/ReferenceQueue.remove(J)Ljava/lang/ref/Reference;",
                "remove(Ljava/lang/ref/ReferenceQueue;J)Ljava/lang/ref/Reference;");
    }

    private BlockingCalls() {
    }

    /**
     * Rewrites the blocking calls of {@code method} in place, and its {@code new CyclicBarrier(...)}
     * into {@code new CheckpointableBarrier(...)}: a thread waiting at a plain barrier could only be
     * moved by interrupting it, which breaks the barrier for every party.
     */
    static void redirect(MethodNode method, ClassHierarchy hierarchy) {
        int barriersCreated = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof TypeInsnNode && insn.getOpcode() == NEW && ((TypeInsnNode) insn).desc.equals(BARRIER)) {
                ((TypeInsnNode) insn).desc = CHECKPOINTABLE_BARRIER;
                barriersCreated++;
            } else if (insn instanceof MethodInsnNode && insn.getOpcode() == INVOKESPECIAL
                    && ((MethodInsnNode) insn).owner.equals(BARRIER) && ((MethodInsnNode) insn).name.equals("<init>")) {
                // javac nests new/<init> pairs; an <init> without a pending new is a subclass's super(...)
                if (barriersCreated > 0) {
                    ((MethodInsnNode) insn).owner = CHECKPOINTABLE_BARRIER;
                    barriersCreated--;
                }
            } else if (insn instanceof MethodInsnNode) {
                MethodInsnNode call = (MethodInsnNode) insn;
                String replacement = replacement(call, hierarchy);
                if (replacement != null) {
                    int paren = replacement.indexOf('(');
                    call.setOpcode(INVOKESTATIC);
                    call.owner = WAITS;
                    call.name = replacement.substring(0, paren);
                    call.desc = replacement.substring(paren);
                    call.itf = false;
                }
            }
        }
    }

    private static String replacement(MethodInsnNode call, ClassHierarchy hierarchy) {
        String method = call.name + call.desc;
        if (call.getOpcode() == INVOKESTATIC) {
            return OTHER_CALLS.get(call.owner + "." + method);
        }
        if (call.name.equals("wait") && (call.desc.equals("()V") || call.desc.equals("(J)V") || call.desc.equals("(JI)V"))) {
            // Object.wait is final: whatever the owner, this is it
            return "waitOn(Ljava/lang/Object;" + call.desc.substring(1);
        }
        if (call.name.equals("join") && (call.desc.equals("()V"))
                && (call.owner.equals("java/lang/Thread") || hierarchy.isAssignable("java/lang/Thread", call.owner))) {
            return "join(Ljava/lang/Thread;)V";
        }
        if (QUEUES.contains(call.owner)) {
            return QUEUE_CALLS.get(method);
        }
        if (LOCKS.contains(call.owner)) {
            return LOCK_CALLS.get(method);
        }
        return OTHER_CALLS.get(call.owner + "." + method);
    }
}
