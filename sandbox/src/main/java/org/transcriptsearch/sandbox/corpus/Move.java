package org.transcriptsearch.sandbox.corpus;

/**
 * What one message does in a conversation. The shape of a conversation (who speaks when) is decided as a
 * sequence of moves without any text, so counts and timestamps are cheap; the words come later.
 */
public enum Move {
    USER_GREETING(true),
    USER_PROBLEM(true),
    USER_DETAIL(true),
    USER_FOLLOWUP(true),
    USER_MORE(true),
    USER_FALLBACK(true),
    USER_YES(true),
    USER_NO(true),
    USER_THANKS(true),
    BOT_MENU(false),
    BOT_WELCOME(false),
    BOT_ASK(false),
    BOT_WAIT(false),
    BOT_ANSWER(false),
    BOT_ANSWER_FOLLOWUP(false),
    BOT_AFFIRM(false),
    BOT_HANDOVER(false),
    BOT_GOODBYE(false);

    private final boolean fromUser;

    Move(boolean fromUser) {
        this.fromUser = fromUser;
    }

    public boolean fromUser() {
        return fromUser;
    }

    /** The customer said something the bot did not understand (CXone shows it as {@code nlu_fallback}). */
    public boolean fallback() {
        return this == USER_FALLBACK;
    }
}
