package dev.stasis.internal.heap;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A stream over a channel, as {@code Files.newInputStream} and {@code Files.newOutputStream} (and
 * so {@code Files.newBufferedReader} and {@code newBufferedWriter}) return it: {@code
 * Channels.newInputStream} or {@code newOutputStream} of a file's channel. It holds nothing but
 * its channel (its buffers only wrap the caller's arrays), so it is written as that channel, a
 * reference (an open file's channel is reopened at its position, see {@link OpenFileSerializer};
 * any other channel is refused there), and made again by the same factory over the restored
 * channel. Its class is the JDK's own and differs between versions ({@code Channels$1} writes in
 * Java 17, {@code sun.nio.ch.ChannelOutputStream} later): each JVM registers the class its factory
 * returns under the same fixed id.
 */
final class ChannelStreamSerializer extends HeapSerializer<Object> {

    /** The class of the streams {@code Channels.newInputStream} returns in this JDK. */
    static final Class<?> INPUT = Channels.newInputStream(Channels.newChannel(InputStream.nullInputStream())).getClass();
    /** The class of the streams {@code Channels.newOutputStream} returns in this JDK. */
    static final Class<?> OUTPUT = Channels.newOutputStream(Channels.newChannel(OutputStream.nullOutputStream()))
            .getClass();

    private final boolean input;

    ChannelStreamSerializer(boolean input) {
        this.input = input;
    }

    /** Built from its channel, which is read first. */
    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object stream) {
        Object channel = channelOf(stream);
        if (channel == null) {
            throw kryo.path.refuse(stream, "its channel is not readable (sun.nio.ch and java.nio.channels are not open"
                    + " to Stasis).");
        }
        kryo.writeClassAndObject(out, channel);
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        Object channel = kryo.readClassAndObject(in);
        if (input && channel instanceof ReadableByteChannel) {
            return Channels.newInputStream((ReadableByteChannel) channel);
        }
        if (!input && channel instanceof WritableByteChannel) {
            return Channels.newOutputStream((WritableByteChannel) channel);
        }
        throw new CorruptData("a channel's " + (input ? "input" : "output") + " stream is over a "
                + (channel == null ? "null" : channel.getClass().getName()));
    }

    /** The channel under {@code stream} (a field {@code ch}, or the captured {@code val$ch} of Java 17's anonymous class). */
    static Object channelOf(Object stream) {
        Object ch = JdkInternals.get(stream, "ch", null);
        return ch != null ? ch : JdkInternals.get(stream, "val$ch", null);
    }

    /** Whether {@code o} is such a stream over an open file's channel. */
    static boolean overFileChannel(Object o) {
        return (o.getClass() == INPUT || o.getClass() == OUTPUT)
                && channelOf(o) instanceof java.nio.channels.FileChannel;
    }
}
