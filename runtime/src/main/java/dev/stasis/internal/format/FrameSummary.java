package dev.stasis.internal.format;

import dev.stasis.internal.capture.FrameRecord;

/**
 * One captured frame as the THREADS section describes it, without its reference values (those
 * are in the heap): the method key, the site word (call-site index and constructor flags, as in
 * FrameRecord), the saved primitive values widened to long, and how many references it saved.
 */
public record FrameSummary(String method, int siteWord, long[] prims, int refCount) {

    /** The index of the call site this frame was executing. */
    public int site() {
        return siteWord & FrameRecord.SITE_MASK;
    }
}
