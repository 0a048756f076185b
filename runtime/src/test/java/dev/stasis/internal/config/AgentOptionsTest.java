package dev.stasis.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int k = 0; k < keyValues.length; k += 2) {
            p.setProperty(keyValues[k], keyValues[k + 1]);
        }
        return p;
    }

    private static String error(String argument) {
        OptionException e = assertThrows(OptionException.class, () -> AgentOptions.fromArgument(argument));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("stasis: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaults() {
        AgentOptions o = AgentOptions.fromArgument(null);
        assertEquals(Path.of("stasis-checkpoints"), o.dir);
        assertFalse(o.exit);
        assertEquals(List.of(), o.include);
        assertEquals(List.of(), o.exclude);
        assertNull(o.restore);
        assertEquals(3, o.keep);
        assertNull(o.interval);
        assertNull(o.signal);
        assertEquals(Duration.ofSeconds(30), o.timeout);
        assertEquals(0, o.at);
        assertEquals("dir=stasis-checkpoints,exit=false,keep=3,timeout=30s,log=quiet", o.toArgumentString());
        assertEquals(o.toArgumentString(), AgentOptions.fromArgument("").toArgumentString());
    }

    /** The signing key's path comes from any source and is passed on; the secret is not an option. */
    @Test
    void keyIsAPathFromArgumentPropertyOrEnvironment() {
        assertNull(AgentOptions.fromArgument(null).key);
        assertEquals(Path.of("/etc/stasis/app.key"), AgentOptions.fromArgument("dir=x,key=/etc/stasis/app.key").key);
        assertEquals(Path.of("p.key"), AgentOptions.parse(null, props("stasis.key", "p.key"), Map.of()).key);
        AgentOptions fromEnvironment = AgentOptions.parse(null, new Properties(), Map.of("STASIS_KEY", "e.key"));
        assertEquals(Path.of("e.key"), fromEnvironment.key);
        assertTrue(fromEnvironment.toArgumentString().endsWith(",key=e.key"), fromEnvironment.toArgumentString());
        assertEquals(Path.of("e.key"), AgentOptions.fromArgument(fromEnvironment.toArgumentString()).key);
    }

    @Test
    void parsesEveryOption() {
        AgentOptions o = AgentOptions.fromArgument(
                "dir=ckpt,exit=true,include=com.acme;org.foo.,exclude=com.acme.gen,restore=old/ckpt,keep=5");
        assertEquals(Path.of("ckpt"), o.dir);
        assertTrue(o.exit);
        assertEquals(List.of("com.acme", "org.foo."), o.include);
        assertEquals(List.of("com.acme.gen"), o.exclude);
        assertEquals(Path.of("old/ckpt"), o.restore);
        assertEquals(5, o.keep);
    }

    @Test
    void triggerOptions() {
        AgentOptions o = AgentOptions.fromArgument("interval=90s,signal=sigusr2,timeout=PT2M,at=17");
        assertEquals(Duration.ofSeconds(90), o.interval);
        assertEquals("USR2", o.signal);
        assertEquals(Duration.ofMinutes(2), o.timeout);
        assertEquals(17, o.at);
        assertTrue(o.toArgumentString().endsWith("interval=90s,signal=USR2,timeout=2m,at=17,log=quiet"), o.toArgumentString());
        assertEquals(Duration.ofMillis(1500), AgentOptions.fromArgument("interval=1500ms").interval);
        assertEquals(Duration.ofDays(1), AgentOptions.fromArgument("interval=24h").interval);
        assertEquals("interval=1d", AgentOptions.fromArgument("interval=24h").toArgumentString().split(",")[3]);
        assertTrue(error("interval=0s").contains("a duration such as 500ms"));
        assertTrue(error("interval=5").contains("'5'"));
        assertTrue(error("timeout=-PT1S").contains("timeout"));
        assertTrue(error("signal=9").contains("a signal name"));
        assertTrue(error("at=0").contains("a whole number >= 1"));
    }

    @Test
    void valuesKeepEqualsColonsBackslashesAndCommas() {
        AgentOptions o = AgentOptions.fromArgument("dir=C:\\Users\\me\\a=b,c:d,keep=2");
        assertEquals("C:\\Users\\me\\a=b,c:d", o.dir.toString());
        assertEquals(2, o.keep);
    }

    /** The grammar of option lists and values, parsed without regular expressions (they cost start-up time). */
    @Test
    void separatorsNamesDurationsAndSignalsFollowTheirGrammar() {
        AgentOptions spaced = AgentOptions.fromArgument("dir=a, keep = 2,\texit=true");
        assertEquals(Path.of("a"), spaced.dir);
        assertEquals(2, spaced.keep);
        assertTrue(spaced.exit);
        assertEquals("a,b c=d,9=e,-x=f", AgentOptions.fromArgument("dir=a,b c=d,9=e,-x=f").dir.toString());
        assertEquals(List.of("com.acme.", "org.x_1.$Y"), AgentOptions.fromArgument("include=com.acme.;org.x_1.$Y").include);
        assertTrue(error("include=com..acme").contains("package prefixes"));
        assertTrue(error("include=.com").contains("package prefixes"));
        assertTrue(error("exclude=com.acme..").contains("package prefixes"));
        assertEquals(List.of("com.acme.Main$Inner.f"), AgentOptions.fromArgument("transient=com.acme.Main$Inner.f")
                .get(Option.TRANSIENT));
        assertTrue(error("transient=com.acme.").contains("class names"));
        assertEquals(Duration.ofSeconds(5), AgentOptions.fromArgument("interval=5 S").interval);
        assertEquals(Duration.ofMillis(250), AgentOptions.fromArgument("interval=250\tms").interval);
        assertEquals(Duration.ofMillis(999_999_999_999_999_999L),
                AgentOptions.fromArgument("interval=999999999999999999ms").interval);
        assertTrue(error("interval=999999999999999999d").contains("a duration"));
        assertTrue(error("interval=1234567890123456789s").contains("a duration"));
        assertTrue(error("interval=s").contains("a duration"));
        assertTrue(error("interval=5 sec").contains("a duration"));
        assertEquals("USR2", AgentOptions.fromArgument("signal=usr2").signal);
        assertEquals("RTMIN1", AgentOptions.fromArgument("signal=SIGRTMIN1").signal);
        assertTrue(error("signal=SIG").contains("a signal name"));
        assertTrue(error("signal=USR-2").contains("a signal name"));
    }

    @Test
    void argumentBeatsPropertyBeatsEnvironment() {
        Properties p = props("stasis.dir", "from-property", "stasis.keep", "7");
        Map<String, String> env = Map.of("STASIS_DIR", "from-env", "STASIS_KEEP", "8", "STASIS_EXIT", "true");
        AgentOptions o = AgentOptions.parse("dir=from-arg", p, env);
        assertEquals(Path.of("from-arg"), o.dir);
        assertEquals(7, o.keep);
        assertTrue(o.exit);
    }

    /** compress= is recorded in checkpoints only when set, so restored JVMs keep compressing the same way. */
    @Test
    void compressTakesACodecName() {
        assertNull(AgentOptions.fromArgument("dir=x").get(Option.COMPRESS));
        assertEquals("deflate", AgentOptions.fromArgument("compress=DEFLATE").get(Option.COMPRESS));
        AgentOptions lz4 = AgentOptions.parse(null, props("stasis.compress", "lz4"), Map.of());
        assertTrue(lz4.toArgumentString().endsWith(",compress=lz4"), lz4.toArgumentString());
        assertEquals("stasis: bad value 'zstd' for option 'compress' (accepted: none, lz4 or deflate)", error("compress=zstd"));
    }

    @Test
    void unknownOptionNamesTheKnownOnes() {
        assertEquals("stasis: unknown option 'intervl' (known: dir, exit, include, exclude, restore, keep, interval,"
                + " signal, timeout, at, log, key, compress, map, transient, cache)",
                error("dir=x,intervl=5"));
    }

    @Test
    void theCacheOfRewrittenClassesIsADirectoryOrOff() {
        assertEquals(Path.of("/tmp/classes"), AgentOptions.fromArgument("cache=/tmp/classes").rewriteCache());
        assertNull(AgentOptions.fromArgument("cache=off").rewriteCache());
        Path byDefault = AgentOptions.fromArgument("").rewriteCache();
        if (byDefault != null) {
            assertTrue(byDefault.endsWith(Path.of("stasis", "classes")), byDefault.toString());
        }
    }

    @Test
    void mapAndTransientAreSemicolonLists() {
        AgentOptions o = AgentOptions.parse("map=/old/a=/new/a;/old/b=/new/b,transient=com.acme.Cache;com.acme.Main$Inner.conn",
                new Properties(), Map.of());
        assertEquals(List.of("/old/a=/new/a", "/old/b=/new/b"), o.get(Option.MAP));
        assertEquals(List.of("com.acme.Cache", "com.acme.Main$Inner.conn"), o.get(Option.TRANSIENT));
        assertEquals(o.get(Option.MAP), AgentOptions.fromArgument(o.toArgumentString()).get(Option.MAP));
        assertTrue(error("map=/only-one-side").contains("FROM=TO"), error("map=/only-one-side"));
        assertTrue(error("transient=com.acme.Bad-Name").contains("class names or Class.field names"),
                error("transient=com.acme.Bad-Name"));
    }

    @Test
    void badValuesNameOptionValueAndWhatIsAccepted() {
        assertEquals("stasis: bad value 'yes' for option 'exit' (accepted: true or false)", error("exit=yes"));
        assertEquals("stasis: bad value '0' for option 'keep' (accepted: a whole number >= 1)", error("keep=0"));
        assertTrue(error("keep=many").contains("'many'"));
        assertTrue(error("include=com.acme;9lives").contains("package prefixes separated by ';'"));
        assertTrue(error("dir=").contains("option 'dir'"));
        assertTrue(error("exit").contains("needs a value"));
    }

    @Test
    void badValueFromAPropertyNamesTheProperty() {
        OptionException e = assertThrows(OptionException.class,
                () -> AgentOptions.parse(null, props("stasis.keep", "-1"), Map.of()));
        assertTrue(e.getMessage().contains("system property stasis.keep"), e.getMessage());
        e = assertThrows(OptionException.class, () -> AgentOptions.parse(null, new Properties(),
                Map.of("STASIS_EXIT", "maybe")));
        assertTrue(e.getMessage().contains("environment variable STASIS_EXIT"), e.getMessage());
    }

    @Test
    void unrelatedPropertiesAndVariablesAreIgnored() {
        AgentOptions o = AgentOptions.parse(null, props("stasis.debug", "x"), Map.of("STASIS_HOME", "/opt"));
        assertEquals(3, o.keep);
    }

    @Test
    void argumentStringParsesBackToTheSameOptions() {
        AgentOptions o = AgentOptions.parse("include=com.acme;org.foo,restore=C:\\ck pt\\x", props("stasis.keep", "4"),
                Map.of("STASIS_DIR", "/var/lib/app=1/ckpt"));
        String rendered = o.toArgumentString();
        assertEquals("dir=/var/lib/app=1/ckpt,exit=false,include=com.acme;org.foo,restore=C:\\ck pt\\x,keep=4"
                + ",timeout=30s,log=quiet",
                rendered);
        assertEquals(rendered, AgentOptions.fromArgument(rendered).toArgumentString());
    }

    @Test
    void overridesReplaceSingleOptions() {
        AgentOptions o = AgentOptions.fromArgument("dir=a,keep=2").withOverride("keep=9").withOverride("exit=true");
        assertEquals(9, o.keep);
        assertTrue(o.exit);
        assertEquals(Path.of("a"), o.dir);
        assertEquals("dir=a,exit=true,keep=9,timeout=30s,log=quiet", o.toArgumentString());
        assertNull(o.with(Option.RESTORE, Path.of("x")).with(Option.RESTORE, null).restore);
        assertThrows(OptionException.class, () -> o.withOverride("keep"));
        assertThrows(OptionException.class, () -> o.withOverride("kep=3"));
    }

    /** A restored JVM keeps the recorded options; KEY= on the restore turns one back to its default. */
    @Test
    void anEmptyOverrideRestoresTheDefault() {
        AgentOptions o = AgentOptions.fromArgument("dir=a,interval=5m,keep=2").withOverride("interval=")
                .withOverride("keep= ");
        assertNull(o.interval);
        assertEquals(3, o.keep);
        assertEquals("dir=a,exit=false,keep=3,timeout=30s,log=quiet", o.toArgumentString());
    }
}
