package dev.stasis.internal.format;

import java.util.List;

/** The static fields of one class as the STATICS section names them; their values are in the heap. */
public record StaticsSummary(String className, List<String> fieldNames) {

    public StaticsSummary {
        fieldNames = List.copyOf(fieldNames);
    }
}
