package dev.stasis.agent;

import dev.stasis.internal.coordinator.Coordinator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A command sent to a running JVM by {@code java -jar stasis-agent.jar checkpoint PID}, which
 * loads the agent again with {@code command=checkpoint;reply=FILE[;exit=true]}. The answer goes to
 * the reply file: {@code ok <path>} or {@code error <reason>}.
 */
final class AttachCommand {

    static final String PREFIX = "command=";

    private AttachCommand() {
    }

    static void run(String args) {
        Map<String, String> kv = new HashMap<>();
        for (String part : args.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        Path reply = Path.of(kv.getOrDefault("reply", ""));
        if (!"checkpoint".equals(kv.get("command"))) {
            write(reply, "error unknown command " + kv.get("command"));
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Coordinator.requestFor("checkpoint command", Boolean.parseBoolean(kv.get("exit")), (file, failure) -> {
            write(reply, file != null ? "ok " + file.toAbsolutePath() : "error " + failure);
            done.countDown();
        });
        try {
            done.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Path reply, String text) {
        try {
            Files.writeString(reply, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("stasis: cannot answer the checkpoint command in " + reply + ": " + e);
        }
    }
}
