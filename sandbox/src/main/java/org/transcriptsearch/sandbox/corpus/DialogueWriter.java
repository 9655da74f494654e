package org.transcriptsearch.sandbox.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.transcriptsearch.sandbox.Vendor;

/**
 * Puts words on a {@link Shape}: picks the conversation's language (ko, ja, zh, en about equally), topic,
 * customer and fillers, then one phrasebook line per move. Base turns come from one stream per
 * conversation, grown turns from one stream per turn, so growth never changes what was already said.
 */
public final class DialogueWriter {
    private static final long CONTENT = StableIds.tag("content");
    private static final long GROWN_CONTENT = StableIds.tag("growth-content");
    private static final long PERSONAL = StableIds.tag("personal-data");
    private static final List<String> SMALL_TALK_INTENTS = List.of("greetings", "thanks", "agree", "disagree", "goodbyes");
    private static final double FALLBACK_THRESHOLD = 0.7;

    private final Phrasebook book;
    private final long seed;
    private final Vendor vendor;
    private final List<String> allIntents;

    public DialogueWriter(Phrasebook book, long seed, Vendor vendor) {
        this.book = book;
        this.seed = seed;
        this.vendor = vendor;
        List<String> intents = new ArrayList<>(SMALL_TALK_INTENTS);
        book.topics().forEach(t -> intents.add(t.intent()));
        this.allIntents = List.copyOf(intents);
    }

    public Dialogue write(int ordinal, Shape shape) {
        SplittableRandom random = StableIds.random(StableIds.mix(seed, CONTENT, vendor.ordinal(), ordinal));
        Language language = Language.values()[random.nextInt(Language.values().length)];
        Phrasebook.Topic topic = book.topics().get(random.nextInt(book.topics().size()));
        Phrasebook.Locale locale = book.locale(language);
        String customer = pick(random, locale.names());
        Map<String, String> values = new HashMap<>();
        values.put("order", "A" + (10_000_000 + random.nextInt(90_000_000)));
        values.put("product", pick(random, book.products()));
        values.put("city", pick(random, locale.cities()));
        values.put("amount", pick(random, locale.amounts()));
        values.put("email", "user" + (1000 + random.nextInt(9000)) + "@example.com");
        values.put("otp", String.format("%06d", random.nextInt(1_000_000)));
        values.put("topic", topic.label().get(language));
        Context context = new Context(language, topic, locale, new Fillers(Map.copyOf(values)));
        List<Turn> turns = new ArrayList<>(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            SplittableRandom stream = i < shape.baseTurns()
                    ? random
                    : StableIds.random(StableIds.mix(seed, GROWN_CONTENT, vendor.ordinal(), ordinal, i));
            turns.add(turn(i, shape.move(i), shape.atMs(i), stream, context));
        }
        List<PersonalData.Planted> personal = plantPersonalData(ordinal, shape, language, turns);
        return new Dialogue(ordinal, language, topic, customer, List.copyOf(turns), personal);
    }

    /**
     * In about one conversation in {@link PersonalData#SHARE_PERCENT} hundred, the customer's first detail or
     * problem message (among the base turns) ends with a sentence holding personal data. Its own random stream:
     * nothing else said changes.
     */
    private List<PersonalData.Planted> plantPersonalData(int ordinal, Shape shape, Language language, List<Turn> turns) {
        SplittableRandom random = StableIds.random(StableIds.mix(seed, PERSONAL, vendor.ordinal(), ordinal));
        if (random.nextInt(100) >= PersonalData.SHARE_PERCENT) {
            return List.of();
        }
        for (int i = 0; i < Math.min(shape.baseTurns(), turns.size()); i++) {
            Turn t = turns.get(i);
            if (t.move() == Move.USER_DETAIL || t.move() == Move.USER_PROBLEM) {
                PersonalData.Sentence sentence = PersonalData.sentence(language, random);
                turns.set(i, new Turn(t.index(), t.move(), t.atMs(), List.of(t.text() + separator(language) + sentence.text()),
                        t.options(), t.understanding()));
                return List.of(sentence.planted());
            }
        }
        return List.of();
    }

    /** What a conversation is about, and which follow-up question its bot last has to answer. */
    private static final class Context {
        final Language language;
        final Phrasebook.Topic topic;
        final Phrasebook.Locale locale;
        final Fillers fillers;
        int followup;

        Context(Language language, Phrasebook.Topic topic, Phrasebook.Locale locale, Fillers fillers) {
            this.language = language;
            this.topic = topic;
            this.locale = locale;
            this.fillers = fillers;
        }

        Language language() {
            return language;
        }

        Phrasebook.Topic topic() {
            return topic;
        }

        Phrasebook.Locale locale() {
            return locale;
        }

        Fillers fillers() {
            return fillers;
        }
    }

    private Turn turn(int index, Move move, long atMs, SplittableRandom random, Context c) {
        Language lang = c.language();
        Phrasebook.Topic topic = c.topic();
        return switch (move) {
            case USER_GREETING -> user(index, move, atMs, random, c, book.smallTalk("greeting", lang), "greetings");
            case USER_PROBLEM -> user(index, move, atMs, random, c, topic.lines("problem", lang), topic.intent());
            case USER_DETAIL -> user(index, move, atMs, random, c, topic.lines("detail", lang), topic.intent());
            case USER_FOLLOWUP -> {
                c.followup = random.nextInt(topic.lines("followup", lang).size());
                yield user(index, move, atMs, random, c, List.of(topic.lines("followup", lang).get(c.followup)),
                        topic.intent());
            }
            case USER_MORE -> {
                String more = pick(random, book.smallTalk("more", lang));
                c.followup = random.nextInt(topic.lines("followup", lang).size());
                yield user(index, move, atMs, random, c,
                        List.of(more + separator(lang) + topic.lines("followup", lang).get(c.followup)), topic.intent());
            }
            case USER_FALLBACK -> user(index, move, atMs, random, c, book.smallTalk("fallback", lang),
                    Understanding.FALLBACK_INTENT);
            case USER_YES -> user(index, move, atMs, random, c, c.locale().yes(), "agree");
            case USER_NO -> user(index, move, atMs, random, c, c.locale().no(), "disagree");
            case USER_THANKS -> user(index, move, atMs, random, c, book.smallTalk("thanks", lang), "thanks");
            case BOT_MENU -> bot(index, move, atMs, List.of(line(random, c, book.smallTalk("menu", lang))),
                    menu(random, lang));
            case BOT_WELCOME -> bot(index, move, atMs, List.of(line(random, c, book.smallTalk("welcome", lang))), List.of());
            case BOT_ASK -> bot(index, move, atMs, List.of(line(random, c, topic.lines("ask", lang))),
                    random.nextInt(10) < 6 ? topicOptions(topic, lang) : List.of());
            case BOT_WAIT -> bot(index, move, atMs, List.of(line(random, c, book.smallTalk("wait", lang))), List.of());
            case BOT_ANSWER -> bot(index, move, atMs, List.of(line(random, c, topic.lines("answer", lang))), List.of());
            case BOT_ANSWER_FOLLOWUP -> {
                String answer = c.fillers().fill(topic.lines("answerFollowup", lang).get(c.followup)).text();
                yield random.nextBoolean()
                        ? bot(index, move, atMs, List.of(answer, line(random, c, book.smallTalk("anythingElse", lang))),
                                yesNo(c, "/agree", "/disagree"))
                        : bot(index, move, atMs, List.of(answer), List.of());
            }
            case BOT_AFFIRM -> bot(index, move, atMs, List.of(line(random, c, book.smallTalk("affirm", lang))),
                    yesNo(c, "/" + topic.intent(), "/advanced_nlu_fallback"));
            case BOT_HANDOVER -> bot(index, move, atMs, List.of(line(random, c, book.smallTalk("handover", lang))), List.of());
            case BOT_GOODBYE -> bot(index, move, atMs, List.of(line(random, c, book.smallTalk("goodbye", lang))), List.of());
        };
    }

    private Turn user(int index, Move move, long atMs, SplittableRandom random, Context c, List<String> lines,
                      String intent) {
        Fillers.Filled filled = c.fillers().fill(pick(random, lines));
        Understanding understanding = Understanding.FALLBACK_INTENT.equals(intent)
                ? fallbackUnderstanding(random, c.topic().intent(), filled)
                : understanding(random, intent, filled);
        return new Turn(index, move, atMs, List.of(filled.text()), List.of(), Optional.of(understanding));
    }

    private static Turn bot(int index, Move move, long atMs, List<String> parts, List<Option> options) {
        return new Turn(index, move, atMs, parts, options, Optional.empty());
    }

    private Understanding understanding(SplittableRandom random, String intent, Fillers.Filled filled) {
        double u = random.nextDouble();
        double top = round(0.999 - 0.44 * u * u);
        List<Understanding.RankedIntent> ranking = new ArrayList<>();
        ranking.add(new Understanding.RankedIntent(intent, top));
        spreadRest(random, ranking, 1 - top, intent);
        return new Understanding(intent, top, List.copyOf(ranking), filled.entities());
    }

    /** Rasa's FallbackClassifier puts nlu_fallback on top at the threshold, above the real but weak guesses. */
    private Understanding fallbackUnderstanding(SplittableRandom random, String likelyIntent, Fillers.Filled filled) {
        List<Understanding.RankedIntent> ranking = new ArrayList<>();
        ranking.add(new Understanding.RankedIntent(Understanding.FALLBACK_INTENT, FALLBACK_THRESHOLD));
        double guess = round(0.25 + 0.4 * random.nextDouble());
        ranking.add(new Understanding.RankedIntent(likelyIntent, guess));
        spreadRest(random, ranking, 1 - guess, likelyIntent);
        return new Understanding(Understanding.FALLBACK_INTENT, FALLBACK_THRESHOLD, List.copyOf(ranking), filled.entities());
    }

    private void spreadRest(SplittableRandom random, List<Understanding.RankedIntent> ranking, double mass, String skip) {
        List<String> others = new ArrayList<>(allIntents);
        others.remove(skip);
        Collections.shuffle(others, new java.util.Random(random.nextLong()));
        double left = mass;
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < Math.min(7, others.size()); i++) {
            double share = round(left * (0.3 + 0.5 * random.nextDouble()));
            shares.add(share);
            left -= share;
        }
        shares.sort(Collections.reverseOrder());
        for (int i = 0; i < shares.size(); i++) {
            ranking.add(new Understanding.RankedIntent(others.get(i), shares.get(i)));
        }
    }

    private List<Option> menu(SplittableRandom random, Language lang) {
        List<Phrasebook.Topic> topics = new ArrayList<>(book.topics());
        Collections.shuffle(topics, new java.util.Random(random.nextLong()));
        return topics.subList(0, 4).stream()
                .map(t -> new Option(t.label().get(lang), "/" + t.intent()))
                .toList();
    }

    private static List<Option> topicOptions(Phrasebook.Topic topic, Language lang) {
        List<String> titles = topic.lines("options", lang);
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            options.add(new Option(titles.get(i), "/" + topic.intent() + "{\"option\":\"" + (i + 1) + "\"}"));
        }
        return List.copyOf(options);
    }

    private static List<Option> yesNo(Context c, String yesPayload, String noPayload) {
        return List.of(new Option(c.locale().yes().get(0), yesPayload), new Option(c.locale().no().get(0), noPayload));
    }

    private static String line(SplittableRandom random, Context c, List<String> lines) {
        return c.fillers().fill(pick(random, lines)).text();
    }

    private static String separator(Language language) {
        return switch (language) {
            case KO -> ", ";
            case JA -> "、";
            case ZH -> "，";
            case EN -> ". ";
        };
    }

    private static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static double round(double value) {
        return Math.round(value * 1e12) / 1e12;
    }
}
