package dev.stasis.agent.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Stasis agent jar this command line runs from, which it hands to the JVMs it starts or attaches to. */
final class AgentJar {

    private AgentJar() {
    }

    /** The jar's path, or null when Stasis runs from class directories (a development build). */
    static Path path() {
        try {
            Path location = Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The message for commands that need the jar when there is none. */
    static String missing(String command) {
        return "stasis: " + command + " must run from the Stasis agent jar (java -jar stasis-agent.jar " + command
                + " ...), which it gives to the target JVM as its agent; this Stasis runs from "
                + AgentJar.class.getProtectionDomain().getCodeSource().getLocation() + ".";
    }
}
