package dev.stasis.agent.rewrite;

import dev.stasis.internal.log.StasisLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.Consumer;

/**
 * Rewrites application classes as they are loaded. Classes already loaded when the agent starts
 * (dynamic attach) keep their code: retransformation cannot add the methods and change the
 * modifiers that rewriting needs (JVMS 5.4.3 / Instrumentation.retransformClasses restrictions).
 */
public final class StasisTransformer implements ClassFileTransformer {

    private final InstrumentationScope scope;
    private final ClassInstrumenter instrumenter;

    public StasisTransformer(InstrumentationScope scope, Consumer<String> debug) {
        this.scope = scope;
        this.instrumenter = new ClassInstrumenter(scope, debug);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined != null || !scope.isInstrumented(loader, className)) {
            return null;
        }
        try {
            return instrumenter.rewrite(loader, classfileBuffer);
        } catch (Throwable t) {
            StasisLog.warn("stasis: class " + className.replace('/', '.') + " is left as it is (" + t
                    + "); frames of its methods cannot be checkpointed.");
            return null;
        }
    }
}
