package dev.stasis.internal.heap;

import dev.stasis.internal.capture.FrameRecord;

/** A captured frame, through its public API: method key, site word, primitive slots, references (part of the graph). */
final class FrameRecordSerializer extends HeapSerializer<FrameRecord> {

    @Override
    void write(HeapKryo kryo, HeapOutput out, FrameRecord r) {
        out.writeHeapString(r.method());
        out.writeInt(r.siteWord());
        long[] prims = r.prims();
        out.writeVarInt(prims.length, true);
        out.writeLongs(prims, 0, prims.length);
        Object[] refs = r.refs();
        out.writeVarInt(refs.length, true);
        for (Object o : refs) {
            kryo.writeClassAndObject(out, o);
        }
    }

    @Override
    FrameRecord read(HeapKryo kryo, HeapInput in) {
        String method = in.readHeapString();
        int site = in.readInt();
        long[] prims = in.readLongs(in.readCount(8));
        Object[] refs = new Object[in.readSlots()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = kryo.readClassAndObject(in);
        }
        return new FrameRecord(method, site, prims, refs);
    }
}
