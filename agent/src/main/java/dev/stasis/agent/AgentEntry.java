package dev.stasis.agent;

import dev.stasis.agent.crac.CracFacadeRewriter;
import dev.stasis.agent.rewrite.InstrumentationScope;
import dev.stasis.agent.rewrite.StasisTransformer;
import dev.stasis.internal.config.AgentOptions;
import dev.stasis.internal.config.Option;
import dev.stasis.internal.config.OptionException;
import dev.stasis.internal.coordinator.Coordinator;
import dev.stasis.internal.coordinator.Settings;
import dev.stasis.internal.format.CheckpointFileException;
import dev.stasis.internal.format.CheckpointKey;
import dev.stasis.internal.log.StasisLog;
import dev.stasis.internal.resources.PathMap;
import dev.stasis.internal.resources.Transients;
import dev.stasis.internal.restore.LauncherWatch;
import dev.stasis.internal.restore.RestoreDriver;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:}, {@code agentmain} for dynamic
 * attach. Installs the class rewriter, and with {@code restore=PATH} continues the program from a
 * checkpoint when the JVM calls {@code main}, instead of running it (see {@link MainEntryHook}).
 */
public final class AgentEntry {

    /** java.base packages whose private state the heap writer reads to write JDK objects by meaning. */
    private static final String[] OPENED_PACKAGES = {"java.lang", "java.lang.invoke", "java.util",
        "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks", "java.util.regex",
        "java.io", "java.math", "java.net", "java.nio", "java.nio.charset", "java.text", "java.time",
        // CRC32, CRC32C, Adler32: a running checksum's state (see ValueSerializers.checksum).
        "java.util.zip",
        // FileChannelImpl: the path and mode of an open FileChannel (see OpenFile).
        "sun.nio.ch",
        // StreamEncoder, StreamDecoder: what an OutputStreamWriter or InputStreamReader over a
        // standard stream or a file wraps and holds buffered (see StreamWrapperSerializer).
        "sun.nio.cs",
        // Channels' streams over a channel (Files.newInputStream...): their channel (see ChannelStreamSerializer).
        "java.nio.channels",
        // AnnotationParser: annotation instances are re-created by the JDK's factory (see AnnotationSerializer).
        "sun.reflect.annotation",
        // Reference and ReferenceQueue: a reference's queue and referent (see ReferenceSerializer).
        "java.lang.ref",
        // the JDK's generic types, re-created by its factories (see ReflectionSerializers).
        "sun.reflect.generics.reflectiveObjects"};

    /** The system property the agent sets in the JVM it runs in. */
    public static final String AGENT_PROPERTY = "dev.stasis.agent";

    private AgentEntry() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /** {@code attached}: loaded into a JVM that was already running, rather than at its start. */
    private static void start(String args, Instrumentation inst, boolean attached) {
        AgentOptions options;
        CheckpointKey key;
        try {
            options = AgentOptions.parse(args);
            key = CheckpointKey.load(options.key);
        } catch (OptionException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (CheckpointFileException e) {
            System.err.println("stasis: " + e.getMessage());
            System.exit(2);
            return;
        }
        StasisLog.configure(options.get(Option.LOG));
        openJavaBase(inst);
        // Lets `stasis checkpoint PID` tell, through the attach API's view of the system
        // properties, a JVM that runs Stasis from one that does not, before it starts JMX there.
        System.setProperty(AGENT_PROPERTY, "running");
        Transients.install(options.get(Option.TRANSIENT));
        Coordinator.install(new Settings(options, key));
        Coordinator.offerMBean(inst, attached);
        // Before the method rewriter, which must see the facade's new method bodies.
        inst.addTransformer(new CracFacadeRewriter(), false);
        // With restore=, the restore starts when the JVM calls main (MainEntryHook); this hook
        // must see main before the rewriter does. Started with -jar, it starts here instead.
        String mainClass = options.restore != null ? MainEntryHook.mainClassOfThisJvm() : null;
        if (mainClass != null) {
            inst.addTransformer(new MainEntryHook(mainClass), false);
        }
        InstrumentationScope scope = new InstrumentationScope(options.include, options.exclude);
        inst.addTransformer(new StasisTransformer(scope, options.rewriteCache(),
                StasisLog.debugging() ? m -> StasisLog.debug(() -> m) : null), false);
        if (options.restore != null) {
            LauncherWatch.start();
            PathMap.install(options.get(Option.MAP));
            if (mainClass == null) {
                RestoreDriver.run(options.restore, key);
            } else {
                RestoreDriver.deferUntilMain(options.restore, key);
            }
        }
    }

    private static void openJavaBase(Instrumentation inst) {
        Module base = Object.class.getModule();
        Module stasis = AgentEntry.class.getModule();
        Map<String, Set<Module>> opens = new HashMap<>();
        for (String p : OPENED_PACKAGES) {
            opens.put(p, Set.of(stasis));
        }
        // jdk.internal.misc.Unsafe: the heap writer loads fields by offset (InternalUnsafe).
        Map<String, Set<Module>> exports = Map.of("jdk.internal.misc", Set.of(stasis));
        inst.redefineModule(base, Set.of(), exports, opens, Set.of(), Map.of());
    }
}
