package dev.stasis.internal.restore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls a restored thread's base frame. Its class name marks the root of a restored thread's
 * stack for the capture check ({@code StackCheck.RESTORE_ROOT_CLASS}): what lies below it is
 * Stasis's own and is re-created by the next restore.
 */
final class BaseFrameCall {

    private BaseFrameCall() {
    }

    static void call(Method base, Object receiver, Object[] args) throws Throwable {
        try {
            base.invoke(receiver, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
