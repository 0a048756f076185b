package dev.stasis.internal.config;

/**
 * An agent option is unknown or has a value that cannot be used. The message is one line that
 * names the option, the bad value and what is accepted, ready to print as it is.
 */
public final class OptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }
}
