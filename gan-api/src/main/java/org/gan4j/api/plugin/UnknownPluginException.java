package org.gan4j.api.plugin;

import java.util.Set;

/** No plugin of the requested kind has the requested name. The message lists the names there are. */
public class UnknownPluginException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String requested;
    private final Set<String> available;

    /**
     * Creates the error.
     *
     * @param kind the plugin kind, e.g. "model"
     * @param requested the name asked for
     * @param available the names that exist
     */
    public UnknownPluginException(String kind, String requested, Set<String> available) {
        super(
                "unknown "
                        + kind
                        + " '"
                        + requested
                        + "'; available: "
                        + (available.isEmpty() ? "(none)" : String.join(", ", available)));
        this.kind = kind;
        this.requested = requested;
        this.available = Set.copyOf(available);
    }

    /** @return the plugin kind */
    public String kind() {
        return kind;
    }

    /** @return the name asked for */
    public String requested() {
        return requested;
    }

    /** @return the names that exist */
    public Set<String> available() {
        return available;
    }
}
