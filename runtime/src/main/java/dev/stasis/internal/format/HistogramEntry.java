package dev.stasis.internal.format;

/** One line of the heap histogram: how many objects of a class the heap section holds, and their bytes. */
public record HistogramEntry(String className, long objects, long bytes) {
}
