package dev.stasis.internal.heap;

/**
 * Bounds what a length read from the file may make the reader allocate. With the heap's length
 * known, a length is accepted only if the items it announces fit in the bytes that remain, and
 * all lengths together in the heap's length. With
 * the length unknown, the reader accepts allocations up to a fixed allowance plus a multiple of
 * the bytes consumed so far: memory stays proportional to the input actually present, at the
 * price of refusing a single huge array near the very start of an unbounded stream.
 */
final class ReadLimits {

    private static final long ALLOWANCE = 64L << 20;
    private static final long PER_BYTE = 16;

    private final long length;
    private HeapInput input;
    private long claimed;
    private long claimedBytes;

    /** @param length the heap's length in bytes, or -1 when unknown */
    ReadLimits(long length) {
        this.length = length;
    }

    void attach(HeapInput in) {
        this.input = in;
    }

    boolean lengthKnown() {
        return length >= 0;
    }

    long consumed() {
        return input.total();
    }

    /**
     * Accepts {@code count} items of at least {@code minBytes} encoded bytes each, about to be
     * allocated at {@code memoryBytes} each, or throws.
     */
    void claim(long count, int minBytes, int memoryBytes) {
        long bytes = count * Math.max(minBytes, 1);
        if (length >= 0) {
            if (bytes > length - consumed()) {
                throw new CorruptData("a length of " + count + " exceeds the " + (length - consumed())
                        + " bytes left in the heap section");
            }
            // Every announced item owns at least minBytes bytes of its own (an element at least
            // its class byte), so the announcements of a genuine heap add up to at most its length;
            // this also stops nested containers that each announce the whole remainder.
            claimedBytes += bytes;
            if (claimedBytes > length) {
                throw new CorruptData("the lengths announced add up to more than the heap section's " + length + " bytes");
            }
            return;
        }
        claimed += count * memoryBytes;
        if (claimed > ALLOWANCE + PER_BYTE * consumed()) {
            throw new CorruptData("a length of " + count + " is out of proportion to the input read so far");
        }
    }
}
