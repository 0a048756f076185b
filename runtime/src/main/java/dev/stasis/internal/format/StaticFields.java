package dev.stasis.internal.format;

/** The static fields of one initialized, instrumented class, as they were at the checkpoint. */
public final class StaticFields {
    public final String className;
    public final String[] names;
    public final Object[] values;

    public StaticFields(String className, String[] names, Object[] values) {
        this.className = className;
        this.names = names;
        this.values = values;
    }
}
