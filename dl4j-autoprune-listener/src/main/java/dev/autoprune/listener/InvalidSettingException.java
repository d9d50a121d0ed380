package dev.autoprune.listener;

/**
 * A pruning setting with a value it may not take. Carries the setting's name (as in
 * {@link PruneSettings#toMap()}), the value and the requirement, so that a front end can report it
 * under its own name (a CLI option, a search-space field) without reading the message.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String requirement;
    private final transient Object value;

    /**
     * @param setting     the setting's name, e.g. {@code lambda}
     * @param value       the refused value
     * @param requirement what the value must satisfy, e.g. {@code must be >= 0}
     */
    public InvalidSettingException(String setting, Object value, String requirement) {
        super("PruneSettings: " + setting + " " + requirement + ", found " + value);
        this.setting = setting;
        this.requirement = requirement;
        this.value = value;
    }

    /** The setting's name, e.g. {@code maxSearchEpochs}. */
    public String setting() {
        return setting;
    }

    /** What the value must satisfy, e.g. {@code must be >= 1}. */
    public String requirement() {
        return requirement;
    }

    /** The refused value. */
    public Object value() {
        return value;
    }
}
