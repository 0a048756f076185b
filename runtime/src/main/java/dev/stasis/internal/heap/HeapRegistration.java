package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;

/**
 * A class's registration plus what the writer must know before writing an instance: whether the
 * instance may be a JVM token, and, for classes that cannot be checkpointed, why.
 */
final class HeapRegistration extends Registration {

    /** Never a token. */
    static final int PLAIN = 0;
    /** Instances are written as tokens when they are one, otherwise refused. */
    static final int TOKEN_ONLY = 1;
    /** Instances are written as tokens when they are one, otherwise by the serializer (System.out, a PrintStream). */
    static final int TOKEN_FIRST = 2;

    final int tokenMode;
    /** Non-null for classes whose instances cannot be checkpointed: the reason, for the error message. */
    final String refusal;
    /** Whether instances are built from their content ({@link HeapSerializer#builtFromContent}). */
    final boolean builtFromContent;
    /** Whether such an instance takes its id part way through its content ({@link HeapSerializer#numbersItself}). */
    final boolean numbersItself;
    /**
     * Whether an instance is followed by its identity hash code, which the reader gives the new
     * object ({@link IdentityHashes}): an application class, written by name, whose hashCode is
     * the identity hash, and whose instances are not built from their content.
     */
    final boolean identityHashed;
    /** The number of this class's name in the graph numbered {@link #nameGraph} (writer's cache). */
    int nameId;
    int nameGraph;

    HeapRegistration(Class<?> type, Serializer<?> serializer, int id, int tokenMode, String refusal) {
        super(type, serializer, id);
        this.tokenMode = tokenMode;
        this.refusal = refusal;
        this.builtFromContent = serializer instanceof HeapSerializer && ((HeapSerializer<?>) serializer).builtFromContent();
        this.numbersItself = builtFromContent && ((HeapSerializer<?>) serializer).numbersItself();
        this.identityHashed = id == HeapClassResolver.NAME && refusal == null && tokenMode == PLAIN && !builtFromContent
                && IdentityHashes.identityBased(type);
    }

    HeapRegistration(Class<?> type, Serializer<?> serializer, int id) {
        this(type, serializer, id, PLAIN, null);
    }

    static HeapRegistration refused(Class<?> type, String reason) {
        return new HeapRegistration(type, NEVER, HeapClassResolver.NAME, PLAIN, reason);
    }

    static HeapRegistration tokenOnly(Class<?> type, String reason) {
        return new HeapRegistration(type, NEVER, HeapClassResolver.NAME, TOKEN_ONLY, reason);
    }

    /** The serializer of refused classes: never reached, HeapKryo refuses before writing, the resolver before reading. */
    private static final Serializer<Object> NEVER = HeapSerializer.of((k, out, o) -> {
        throw new IllegalStateException("refused class written");
    }, (k, in) -> {
        throw new CorruptData("refused class read");
    });
}
