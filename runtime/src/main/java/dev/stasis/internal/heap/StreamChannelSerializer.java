package dev.stasis.internal.heap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channel;
import java.nio.channels.Channels;

/**
 * A channel over a stream, as {@code Channels.newChannel(InputStream)} and {@code
 * newChannel(OutputStream)} make it (Jython writes its standard output through one over
 * System.out): it holds nothing but its stream and whether it is open (its buffer only carries
 * one call's bytes). Written as that stream, a reference (a standard stream's token, an open
 * file's stream, or whatever else the graph allows), and whether it is open; made again by the
 * same factory over the restored stream. The inverse of {@link ChannelStreamSerializer}.
 */
final class StreamChannelSerializer extends HeapSerializer<Channel> {

    /** The class of the channels {@code Channels.newChannel(InputStream)} returns in this JDK. */
    static final Class<?> READABLE = Channels.newChannel(InputStream.nullInputStream()).getClass();
    /** The class of the channels {@code Channels.newChannel(OutputStream)} returns in this JDK. */
    static final Class<?> WRITABLE = Channels.newChannel(OutputStream.nullOutputStream()).getClass();

    private final boolean readable;

    StreamChannelSerializer(boolean readable) {
        this.readable = readable;
    }

    /** Built from its stream, which is read first. */
    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Channel channel) {
        Object stream = JdkInternals.get(channel, readable ? "in" : "out", null);
        if (stream == null) {
            throw kryo.path.refuse(channel, "its stream is not readable (java.nio.channels is not open to Stasis).");
        }
        kryo.writeClassAndObject(out, stream);
        out.writeBoolean(channel.isOpen());
    }

    @Override
    Channel read(HeapKryo kryo, HeapInput in) {
        Object stream = kryo.readClassAndObject(in);
        Channel channel;
        if (readable && stream instanceof InputStream) {
            channel = Channels.newChannel((InputStream) stream);
        } else if (!readable && stream instanceof OutputStream) {
            channel = Channels.newChannel((OutputStream) stream);
        } else {
            throw new CorruptData("a channel over a stream is over a " + (stream == null ? "null" : stream.getClass().getName()));
        }
        if (!in.readBoolean()) {
            try {
                // closed at the checkpoint, as its stream then was too
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return channel;
    }
}
