package org.transcriptsearch.search;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Raw HTTP requests for {@link SearchApiFuzzIT}, drawn from a seeded {@link Random}: the endpoints and
 * their parameters in random combinations, values from the fixture mixed with hostile ones (query
 * syntax, Unicode edge cases, huge and malformed numbers and dates, very long values, bad cursors), and
 * every way of spelling them in a URL, valid or not (odd percent-encodings, invalid UTF-8, raw bytes).
 * The same seed gives the same requests.
 */
final class FuzzRequests {
    static final List<String> SEARCH = List.of("q", "vendor", "source", "bot", "intent", "role", "channel",
            "language", "from", "to", "minConfidence", "maxConfidence", "fallback", "size", "sort", "cursor");
    static final List<String> INTENTS = List.of("q", "vendor", "source", "bot", "intent", "role", "channel",
            "language", "from", "to", "minConfidence", "maxConfidence", "fallback", "threshold", "size");

    private static final String[] WORDS = {"password", "reset", "card", "refund", "balance", "비밀번호", "パスワード",
        "密码", "退货", "thanks", "\"reset my password\"", "balance -dollars", "bal*", "-refund", "ありがとう", "음"};
    private static final String[] SYNTAX = {"\"", "*", "-", "+", "(", ")", "~", "^", ":", "\\", "/", "OR", "AND",
        "NOT", "{", "}", "[", "]", "?", "!", "|", "||", "&&", "<", ">", "=", "'", ";", "%", "_", "#", "\u0000",
        "/.*/", "a~2", "text:foo", "_id:1", "{\"script\":1}", "*:*", "\"\"", "\"unclosed", "-", "--", "***"};
    private static final String[] UNICODE = {"\uD83D\uDE00", "\uD83D", "\uDE00", "\u202Eevil\u202C", "שלום",
        "مرحبا", "e\u0301\u0301\u0301\u0301", "Z\u0351\u0352\u0353\u0354\u0355", "\u0000", "\uFEFF", "\u200D",
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uFFFF", "\uFFFD", "ﾊﾟｽﾜｰﾄﾞ", "Ａ１", "\u1100\u1161",
        "\u0009", "\u000B", "\u0085", "\u2028", "İı", "ß", "ǅ", "\uDBFF\uDFFF", "𠜎𠜱", "\u0301"};
    private static final String[] NUMBERS = {"0", "1", "20", "100", "101", "500", "501", "-1", "-0", "+5", " 5 ",
        "2147483647", "2147483648", "-2147483649", "99999999999999999999999", "1e3", "1e309", "-1e309", "NaN",
        "Infinity", "-Infinity", "0x10", "0x1p3", "١٢", "５", "1.5", "0.5", "1.0000000001", "-0.0", "4.9e-324",
        ".5", "5.", "1_000", "abc", "", "0.0", "1", "0.99999"};
    private static final String[] DATES = {"2025-03-10", "2025-03-12", "2025-03-10T09:00:00Z",
        "2025-03-10T18:00:30+09:00", "2025-03-10T10:00", "-999999999-01-01", "+999999999-12-31",
        "+10000-01-01", "9999-12-31", "1900-01-01", "1899-12-31", "0000-01-01", "1970-01-01T00:00:00Z",
        "2024-02-29", "2025-02-29", "2024-06-30T23:59:60Z", "2025-13-01", "2025-03-10T25:00:00Z",
        "2025-03-10T10:00:00+18:00", "2025-03-10T10:00:00+19:00", "2025-03-10T10:00:00.123456789Z",
        "2025-03-10T10:00:00,5Z", "yesterday", "now-1d", "2025-03-10||+1d", "1741597200000", "2025-W11",
        "2025-069", "T10:00", "２０２５-03-10"};
    private static final String[] CHOICES = {"kore", "cxone", "agentx", "zendesk", "user", "bot", "agent",
        "system", "kore-banking", "cxone-support", "agentx-store", "Banking Bot", "r3-218210", "reset_password",
        "nlu_fallback", "web", "chat", "ivr", "en", "ko", "ja", "zh", "true", "false", "TRUE", "yes", "1",
        "relevance", "time", "random", "kore,cxone", ",", ",,kore,,", "*", "kore*", "contact;4711;case 9"};
    private static final String[] PATHS = {"/api/search/", "/api/SEARCH", "/api/nowhere", "/api/conversations",
        "/api/conversations/kore-banking", "/api//search", "/api/search;x=1", "/api/%73earch", "/api/search%00",
        "/api/../api/search", "/api/%2e%2e/health", "/health", "/openapi.json", "/nowhere", "/api",
        "/api/intents/", "/api/conversations/%ZZ/1", "/api/conversations/a%2Fb/c", "/api/conversations/%00/%FF"};
    private static final String[] METHODS = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"};

    private final Random random;
    private final String host;
    private final String key;
    private final List<String> cursors;
    /**
     * This request's typed parameters are valid and its spelling correct, so its free text (q, facet
     * values, ids) reaches Elasticsearch: where hostile text could do harm. About four in ten requests.
     */
    private boolean wellFormed;

    /** @param cursors real cursors the server issued, replayed as they are and altered */
    FuzzRequests(long seed, String host, String key, List<String> cursors) {
        this.random = new Random(seed);
        this.host = host;
        this.key = key;
        this.cursors = cursors;
    }

    /** One request: its target (for messages) and its bytes on the wire. */
    record Request(String target, byte[] bytes) {
    }

    Request next() {
        wellFormed = random.nextInt(10) < 4;
        String target = target();
        String method = wellFormed || random.nextInt(50) != 0 ? "GET" : pick(METHODS);
        String version = !wellFormed && random.nextInt(40) == 0 ? "HTTP/1.0" : "HTTP/1.1";
        StringBuilder headers = new StringBuilder();
        headers.append("Host: ").append(host).append("\r\n");
        int auth = wellFormed ? 39 : random.nextInt(40);
        if (auth == 0) {
            headers.append("Authorization: Bearer wrong-key\r\n");
        } else if (auth == 1) {
            headers.append("Authorization: Basic ").append(key).append("\r\n");
        } else if (auth == 2) {
            headers.append("Authorization: Bearer ").append("k".repeat(random.nextInt(9000) + 1)).append("\r\n");
        } else if (auth != 3) {
            headers.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (!wellFormed && random.nextInt(30) == 0) {
            headers.append("X-Odd: ").append(new String(bytes(random.nextInt(40)), StandardCharsets.ISO_8859_1)
                    .replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        }
        if (!method.equals("GET") && random.nextBoolean()) {
            headers.append("Content-Length: 5\r\n");
        }
        headers.append("Connection: close\r\n\r\n");
        String body = headers.indexOf("Content-Length: 5") >= 0 ? "hello" : "";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(target.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes((" " + version + "\r\n" + headers + body).getBytes(StandardCharsets.ISO_8859_1));
        return new Request(target, out.toByteArray());
    }

    /** A valid value per parameter, for {@link #everyPair}. */
    private static final java.util.Map<String, String> VALID = java.util.Map.ofEntries(
            java.util.Map.entry("q", "password"), java.util.Map.entry("vendor", "kore"),
            java.util.Map.entry("source", "kore-banking"), java.util.Map.entry("bot", "Banking Bot"),
            java.util.Map.entry("intent", "reset_password"), java.util.Map.entry("role", "user"),
            java.util.Map.entry("channel", "web"), java.util.Map.entry("language", "en"),
            java.util.Map.entry("from", "2025-03-10"), java.util.Map.entry("to", "2025-03-16"),
            java.util.Map.entry("minConfidence", "0.1"), java.util.Map.entry("maxConfidence", "0.9"),
            java.util.Map.entry("fallback", "false"), java.util.Map.entry("size", "5"),
            java.util.Map.entry("sort", "time"), java.util.Map.entry("threshold", "0.7"));

    /** Every parameter alone and every pair of parameters of each search endpoint, each with a valid value. */
    List<Request> everyPair() {
        List<Request> all = new ArrayList<>();
        for (var endpoint : List.of(java.util.Map.entry("/api/search", SEARCH), java.util.Map.entry("/api/conversations", SEARCH),
                java.util.Map.entry("/api/intents", INTENTS))) {
            List<String> names = endpoint.getValue().stream().filter(VALID::containsKey).toList();
            for (int i = 0; i < names.size(); i++) {
                for (int j = i; j < names.size(); j++) {
                    String query = "?" + names.get(i) + "=" + percent(VALID.get(names.get(i)).getBytes(StandardCharsets.UTF_8), false, false)
                            + (i == j ? "" : "&" + names.get(j) + "=" + percent(VALID.get(names.get(j)).getBytes(StandardCharsets.UTF_8), false, false));
                    String target = endpoint.getKey() + query;
                    all.add(new Request(target, ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                            + key + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
        }
        return all;
    }

    /** The request target as the bytes go on the wire, one char per byte (ISO-8859-1). */
    private String target() {
        int kind = random.nextInt(100);
        if (kind < 45) {
            return "/api/search" + query(SEARCH);
        }
        if (kind < 55) {
            return "/api/conversations" + query(SEARCH); // the same parameters, read on conversations
        }
        if (kind < 75) {
            return "/api/intents" + query(INTENTS);
        }
        if (kind < 90) {
            String source = random.nextInt(3) == 0 ? value("source") : pick(new String[] {"kore-banking",
                "cxone-support", "agentx-store"});
            String id = random.nextInt(3) == 0 ? value("q") : pick(new String[] {"k-en-1", "k-ko-1", "ax-zh-1",
                "ax-en-2", "k-en-many", "contact;4711;case 9"});
            return "/api/conversations/" + spell(source, true) + "/" + spell(id, true) + query(List.of("highlight"));
        }
        return pick(PATHS) + (random.nextBoolean() ? query(SEARCH) : "");
    }

    private String query(List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            if (random.nextInt(4) == 0) {
                int times = random.nextInt(12) == 0 && (!wellFormed || MessageFilters.MULTI.contains(name))
                        ? 2 + random.nextInt(4) : 1;
                for (int i = 0; i < times; i++) {
                    parts.add(spell(name, false) + "=" + spell(value(name), false));
                }
            }
        }
        int extra = wellFormed ? -1 : random.nextInt(20);
        if (extra == 0) {
            parts.add(spell(value("q"), false) + "=" + spell(value("q"), false));
        } else if (extra == 1) {
            parts.add(pick(new String[] {"", "=", "&", "==", "q", "q=a=b", "%", "size", "&&&", "q[]=1", "q.x=1"}));
        } else if (extra == 2) {
            parts.add("unknown" + random.nextInt(5) + "=" + spell(value("q"), false));
        }
        java.util.Collections.shuffle(parts, random);
        if (parts.isEmpty() && random.nextBoolean()) {
            return "";
        }
        return "?" + String.join("&", parts);
    }

    /** A value for a parameter: mostly one of its kind, sometimes anything. */
    private String value(String name) {
        if (wellFormed) {
            return switch (name) {
                case "q", "highlight", "source", "bot", "intent", "channel", "language" -> text();
                case "vendor" -> pick(new String[] {"kore", "cxone", "agentx", "kore,cxone"});
                case "role" -> pick(new String[] {"user", "bot", "agent", "system"});
                case "size" -> String.valueOf(1 + random.nextInt(100));
                case "threshold", "minConfidence", "maxConfidence" -> String.valueOf(random.nextInt(101) / 100.0);
                case "from", "to" -> pick(new String[] {"2025-03-10", "2025-03-12T10:00:00Z", "1900-01-01",
                    "9999-12-31", "2025-03-11T09:00:00+09:00"});
                case "fallback" -> String.valueOf(random.nextBoolean());
                case "sort" -> random.nextBoolean() ? "time" : "relevance";
                default -> cursor();
            };
        }
        if (random.nextInt(6) == 0) {
            return anything();
        }
        return switch (name) {
            case "q", "highlight" -> text();
            case "size", "threshold", "minConfidence", "maxConfidence" -> pick(NUMBERS);
            case "from", "to" -> pick(DATES);
            case "cursor" -> cursor();
            default -> random.nextInt(3) == 0 ? text() : pick(CHOICES);
        };
    }

    private String text() {
        int kind = random.nextInt(10);
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(kind < 3 ? 2 : 6);
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                s.append(random.nextBoolean() ? " " : "");
            }
            s.append(switch (random.nextInt(4)) {
                case 0 -> pick(WORDS);
                case 1 -> pick(SYNTAX);
                case 2 -> pick(UNICODE);
                default -> codePoints(1 + random.nextInt(8));
            });
        }
        if (kind == 9) {
            // Long: near, at and beyond the q limit, in one- to four-byte characters.
            String unit = pick(new String[] {"a", "비", "𠜎", "%", " ", "e\u0301"});
            int length = pick(new int[] {999, 1000, 1001, 1500, 3000, 6000}) / unit.length();
            return unit.repeat(length);
        }
        return s.toString();
    }

    private String anything() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(NUMBERS);
            case 1 -> pick(DATES);
            case 2 -> pick(CHOICES);
            case 3 -> codePoints(random.nextInt(30));
            default -> new String(bytes(random.nextInt(30)), StandardCharsets.ISO_8859_1);
        };
    }

    private String cursor() {
        if (cursors.isEmpty() || random.nextInt(4) == 0) {
            return pick(new String[] {"", "x", ".", "..", "a.b", "eyJ9.AAAA", "eyJhIjpbXX0.", "=".repeat(10),
                "A".repeat(5000), codePoints(20)});
        }
        String c = cursors.get(random.nextInt(cursors.size()));
        return switch (random.nextInt(4)) {
            case 0 -> c;
            case 1 -> {
                int at = random.nextInt(c.length());
                yield c.substring(0, at) + (char) ('A' + random.nextInt(26)) + c.substring(at + 1);
            }
            case 2 -> c.substring(0, random.nextInt(c.length()));
            default -> c + c;
        };
    }

    /** Random code points over every plane, surrogates and controls included. */
    private String codePoints(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0xD800 + random.nextInt(0x800);
                case 3 -> 0xAC00 + random.nextInt(0x2BA4);
                case 4 -> 0x10000 + random.nextInt(0x100000);
                default -> random.nextInt(0x10000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    /** The value as it goes on the wire: one char per byte, spelled one of many ways. */
    private String spell(String value, boolean pathSegment) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int how = random.nextInt(20);
        if (wellFormed) {
            String correct = percent(utf8, how % 2 == 0, pathSegment);
            return how % 3 == 0 ? correct.replace("%20", "+") : correct;
        }
        if (how < 12) {
            return percent(utf8, false, pathSegment);
        }
        return switch (how) {
            case 12 -> percent(utf8, true, pathSegment); // every byte escaped, lower-case hex
            case 13 -> raw(utf8); // bytes as they are: spaces and non-ASCII in the request line
            case 14 -> percent(utf8, false, pathSegment).replace("%20", "+");
            case 15 -> percent(percent(utf8, false, pathSegment).getBytes(StandardCharsets.ISO_8859_1), false, pathSegment);
            case 16 -> broken(percent(utf8, false, pathSegment));
            case 17 -> percent(invalidUtf8(utf8), true, pathSegment);
            case 18 -> percent(cesu8(value), false, pathSegment);
            default -> percent(utf8, false, pathSegment).toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String percent(byte[] bytes, boolean all, boolean pathSegment) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0
                    || (!pathSegment && ",:@!$'()*".indexOf(c) >= 0));
            if (plain && !all) {
                s.append((char) c);
            } else {
                String hex = HexFormat.of().withUpperCase().toHexDigits((byte) c);
                s.append('%').append(all ? hex.toLowerCase(java.util.Locale.ROOT) : hex);
            }
        }
        return s.toString();
    }

    private String raw(byte[] utf8) {
        StringBuilder s = new StringBuilder();
        for (byte b : utf8) {
            char c = (char) (b & 0xFF);
            // CR and LF would end the request line: kept for the rare request that tries exactly that.
            s.append((c == '\r' || c == '\n') && random.nextInt(20) != 0 ? ' ' : c);
        }
        return s.toString();
    }

    /** A percent-encoding with a broken escape somewhere. */
    private String broken(String encoded) {
        String bad = pick(new String[] {"%", "%G1", "%A", "%%", "%u0041", "%+1", "%-1", "%٣٣"});
        int at = encoded.isEmpty() ? 0 : random.nextInt(encoded.length() + 1);
        return encoded.substring(0, at) + bad + encoded.substring(at);
    }

    /** Bytes no UTF-8 decoder should accept: surrogates, overlong forms, stray continuations, cut sequences. */
    private byte[] invalidUtf8(byte[] valid) {
        byte[][] bad = {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80},
            {(byte) 0xE3, (byte) 0x81}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = valid.length == 0 ? 0 : random.nextInt(valid.length + 1);
        out.write(valid, 0, at);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.write(valid, at, valid.length - at);
        return out.toByteArray();
    }

    /** Each UTF-16 unit on its own, as three bytes (surrogate pairs split: not UTF-8). */
    private static byte[] cesu8(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : value.toCharArray()) {
            if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        return out.toByteArray();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }
}
