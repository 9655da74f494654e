package org.transcriptsearch.privacy;

import java.util.Locale;
import java.util.Optional;

/** The built-in kinds of personal data, named as in the {@code privacy.redact} setting. */
public enum PiiKind {
    EMAIL("email"),
    PHONE("phone"),
    CARD("card"),
    IBAN("iban"),
    NATIONAL_ID("national_id"),
    IP("ip");

    private final String configName;

    PiiKind(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration and in a message's {@code pii} field. */
    public String configName() {
        return configName;
    }

    /** What a match becomes in the stored text. */
    public String placeholder() {
        return "[" + name() + "]";
    }

    public static Optional<PiiKind> ofConfigName(String name) {
        for (PiiKind kind : values()) {
            if (kind.configName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
