package dev.stasis.verification;

import e2e.methods.InterfaceDefault;
import e2e.methods.MergedTypes;
import e2e.methods.NestedClasses;
import e2e.methods.StaticAndInstance;
import e2e.methods.SuperCallUnderValue;
import e2e.methods.VirtualDispatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every kind of method and class can be on the captured stack. */
class MethodsTest {

    @TestFactory
    Stream<DynamicTest> staticAndInstanceMethods() {
        return Scenario.acrossJdks(Program.of(StaticAndInstance.class));
    }

    @TestFactory
    Stream<DynamicTest> virtualDispatchAndAbstractClasses() {
        return Scenario.acrossJdks(Program.of(VirtualDispatch.class));
    }

    @TestFactory
    Stream<DynamicTest> interfaceDefaultMethods() {
        return Scenario.acrossJdks(Program.of(InterfaceDefault.class));
    }

    @TestFactory
    Stream<DynamicTest> superCallsWithAnotherValueUnderTheReceiver() {
        return Scenario.acrossJdks(Program.of(SuperCallUnderValue.class));
    }

    @TestFactory
    Stream<DynamicTest> localsOfATypeTheCodeMayNotName() {
        return Scenario.acrossJdks(Program.of(MergedTypes.class));
    }

    @TestFactory
    Stream<DynamicTest> innerAnonymousAndLocalClasses() {
        return Scenario.acrossJdks(Program.of(NestedClasses.class));
    }
}
