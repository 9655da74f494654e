package org.transcriptsearch.sandbox;

import java.util.Arrays;
import java.util.Locale;

/** The three vendors the sandbox plays, with the {@code type} key the product's configuration uses. */
public enum Vendor {
    CXONE("cxone"),
    KORE("kore"),
    AGENTX("agentx");

    private final String key;

    Vendor(String key) {
        this.key = key;
    }

    /** {@code cxone}, {@code kore} or {@code agentx}. */
    public String key() {
        return key;
    }

    public static Vendor of(String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(v -> v.key.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown vendor '" + key + "': expected cxone, kore or agentx"));
    }
}
