package dev.stasis.internal.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** TEMPORARY minimal parser until the options land. */
public final class AgentOptions {
    public Path dir = Path.of("stasis-checkpoints");
    public boolean exit;
    public List<String> include = new ArrayList<>();
    public List<String> exclude = new ArrayList<>();
    public Path restore;
    public int keep = 3;
    public String raw = "";

    public static AgentOptions parse(String args) {
        AgentOptions o = new AgentOptions();
        o.raw = args == null ? "" : args;
        if (args == null || args.isEmpty()) {
            return o;
        }
        for (String kv : args.split(",")) {
            int eq = kv.indexOf('=');
            String k = kv.substring(0, eq);
            String v = kv.substring(eq + 1);
            switch (k) {
                case "dir": o.dir = Path.of(v); break;
                case "exit": o.exit = Boolean.parseBoolean(v); break;
                case "restore": o.restore = Path.of(v); break;
                case "keep": o.keep = Integer.parseInt(v); break;
                case "include": o.include = List.of(v.split(";")); break;
                case "exclude": o.exclude = List.of(v.split(";")); break;
                default: throw new IllegalArgumentException("stasis: unknown option '" + k + "'");
            }
        }
        return o;
    }
}
