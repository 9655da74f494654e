package org.transcriptsearch.sandbox.corpus;

/** The four languages the generated customers write in, with the codes each vendor uses for them. */
public enum Language {
    KO("ko", "ko_kr"),
    JA("ja", "ja_jp"),
    ZH("zh", "zh_cn"),
    EN("en", "en_us");

    private final String code;
    private final String locale;

    Language(String code, String locale) {
        this.code = code;
        this.locale = locale;
    }

    /** ISO 639-1 code, as Kore's {@code lang}. */
    public String code() {
        return code;
    }

    /** AgentX-style locale, e.g. {@code ko_kr}. */
    public String locale() {
        return locale;
    }
}
