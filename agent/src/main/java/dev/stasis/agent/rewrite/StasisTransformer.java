package dev.stasis.agent.rewrite;

import dev.stasis.internal.classes.CarriedClasses;
import dev.stasis.internal.log.StasisLog;
import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.function.Consumer;

/**
 * Rewrites application classes as they are loaded, or takes their rewrite from the
 * {@link RewriteCache} of an earlier run, and records the class files the program's own class
 * loaders define, which checkpoints carry ({@link CarriedClasses}). Classes already loaded when
 * the agent starts (dynamic attach) keep their code: retransformation cannot add the methods and
 * change the modifiers that rewriting needs (JVMS 5.4.3 / Instrumentation.retransformClasses
 * restrictions).
 */
public final class StasisTransformer implements ClassFileTransformer {

    private final InstrumentationScope scope;
    private final ClassInstrumenter instrumenter;
    private final Consumer<String> debug;
    /** Where the cache lives, or null for none; opened at the first class, off the start-up path. */
    private Path cacheRoot;
    private RewriteCache cache;

    /**
     * @param cacheRoot the directory that holds the cache of rewritten classes, or null for none
     * @param debug receives one line per rewritten method, or null when not debugging
     */
    public StasisTransformer(InstrumentationScope scope, Path cacheRoot, Consumer<String> debug) {
        this.scope = scope;
        this.instrumenter = new ClassInstrumenter(scope, debug);
        this.debug = debug;
        this.cacheRoot = cacheRoot;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined != null) {
            return null;
        }
        if (scope.isCarried(loader, className)) {
            CarriedClasses.record(loader, className, classfileBuffer);
        }
        if (!scope.isInstrumented(loader, className)) {
            return null;
        }
        try {
            RewriteCache cache = cache();
            RewrittenClass rewritten = cache != null ? cache.find(loader, className, classfileBuffer) : null;
            if (rewritten != null && debug != null) {
                debug.accept("rewritten before, taken from the cache: " + className.replace('/', '.'));
            }
            if (rewritten == null) {
                rewritten = instrumenter.rewriteClass(loader, classfileBuffer);
                if (cache != null) {
                    cache.store(className, classfileBuffer, rewritten);
                }
            }
            rewritten.apply(loader, debug);
            return rewritten.bytes;
        } catch (Throwable t) {
            StasisLog.warn("stasis: class " + className.replace('/', '.') + " is left as it is (" + t
                    + "); frames of its methods cannot be checkpointed.");
            return null;
        }
    }

    private synchronized RewriteCache cache() {
        if (cacheRoot != null) {
            cache = RewriteCache.open(cacheRoot, RewriteCache.identity(scope, debug != null));
            if (cache != null && debug != null) {
                debug.accept("rewritten classes are kept in " + cache.directory());
            }
            cacheRoot = null;
        }
        return cache;
    }
}
