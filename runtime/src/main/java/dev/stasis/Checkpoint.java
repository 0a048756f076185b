package dev.stasis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes every entry of the annotated method a checkpoint point: with the agent running, a
 * checkpoint is taken when the method is entered, as if its first statement were
 * {@link Stasis#checkpoint()}. {@link #every()} and {@link #minIntervalMillis()} thin out a busy
 * point; both conditions must hold for a checkpoint to be taken.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Checkpoint {

    /** Take a checkpoint at every N-th entry (the N-th, 2N-th, ...). 1 means every entry. */
    int every() default 1;

    /** Take no checkpoint at an entry less than this many milliseconds after the previous one. */
    long minIntervalMillis() default 0;
}
