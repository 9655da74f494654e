package org.transcriptsearch.sandbox.corpus;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Personal data the way customers type it into a chatbot, planted in about one conversation in five: one
 * sentence in the conversation's language holding a phone number as written there, an e-mail address, a
 * payment card number, a national id (Korean resident registration number, Japanese My Number, Chinese
 * resident id), an IBAN or an IP address. Every value is valid as its kind demands (Luhn, mod 97, check
 * digits, real birth dates), so a detector that checks them must find it; the sandbox's ground truth names
 * each planted value so a test can search a whole cluster for it.
 */
public final class PersonalData {
    /** One planted value: its kind (as the product's {@code pii} field names it) and the value as typed. */
    public record Planted(String kind, String value) {
    }

    /** A sentence to add to a customer's message, and what it holds. */
    record Sentence(String text, Planted planted) {
    }

    static final int SHARE_PERCENT = 20;

    private PersonalData() {
    }

    /** The sentence one customer adds, writing in {@code language}. */
    static Sentence sentence(Language language, SplittableRandom random) {
        String[] kinds = switch (language) {
            case EN -> new String[] {"phone", "email", "card", "iban", "ip"};
            default -> new String[] {"phone", "email", "card", "national_id", "ip"};
        };
        String kind = kinds[random.nextInt(kinds.length)];
        String value = switch (kind) {
            case "phone" -> phone(language, random);
            case "email" -> email(random);
            case "card" -> card(random);
            case "iban" -> iban(random);
            case "national_id" -> nationalId(language, random);
            default -> "203.0.113." + (1 + random.nextInt(254));
        };
        return new Sentence(template(language, kind).replace("{v}", value), new Planted(kind, value));
    }

    private static String template(Language language, String kind) {
        return switch (language) {
            case KO -> switch (kind) {
                case "phone" -> "제 번호는 {v} 입니다";
                case "email" -> "메일은 {v} 로 보내주세요";
                case "card" -> "카드번호 {v} 로 결제했어요";
                case "national_id" -> "주민번호 {v} 입니다";
                default -> "접속한 IP는 {v} 예요";
            };
            case JA -> switch (kind) {
                case "phone" -> "電話番号は{v}です";
                case "email" -> "メールは{v}までお願いします";
                case "card" -> "カード番号は{v}です";
                case "national_id" -> "マイナンバーは{v}です";
                default -> "IPアドレスは{v}です";
            };
            case ZH -> switch (kind) {
                case "phone" -> "我的手机号是{v}";
                case "email" -> "邮箱是{v}";
                case "card" -> "卡号是{v}";
                case "national_id" -> "身份证号{v}";
                default -> "我的IP地址是{v}";
            };
            case EN -> switch (kind) {
                case "phone" -> "you can call me on {v}";
                case "email" -> "my email is {v}";
                case "card" -> "my card number is {v}";
                case "iban" -> "please refund it to {v}";
                default -> "my IP address is {v}";
            };
        };
    }

    private static String phone(Language language, SplittableRandom r) {
        return switch (language) {
            case KO -> String.format("010-%04d-%04d", r.nextInt(10_000), r.nextInt(10_000));
            case JA -> String.format("090-%04d-%04d", r.nextInt(10_000), r.nextInt(10_000));
            case ZH -> String.format("1%d%d %04d %04d", 3 + r.nextInt(6), r.nextInt(10), r.nextInt(10_000), r.nextInt(10_000));
            case EN -> r.nextBoolean()
                    ? String.format("+1 415-555-%04d", r.nextInt(10_000))
                    : String.format("07700 900%03d", r.nextInt(1000));
        };
    }

    private static String email(SplittableRandom r) {
        List<String> names = List.of("minji.kim", "haruto.sato", "wang.fang", "jane.doe", "j.smith", "yuki_t");
        return names.get(r.nextInt(names.size())) + (r.nextInt(90) + 10) + "@example.com";
    }

    /** A Visa or Mastercard test-range number that passes Luhn, in four groups. */
    private static String card(SplittableRandom r) {
        StringBuilder d = new StringBuilder(r.nextBoolean() ? "4" : "5" + (1 + r.nextInt(5)));
        while (d.length() < 15) {
            d.append(r.nextInt(10));
        }
        d.append(luhnCheck(d));
        String sep = r.nextBoolean() ? " " : "-";
        return d.substring(0, 4) + sep + d.substring(4, 8) + sep + d.substring(8, 12) + sep + d.substring(12);
    }

    private static int luhnCheck(CharSequence payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int digit = payload.charAt(payload.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    /** A German IBAN (22 characters) with its mod-97 check digits, in groups of four. */
    private static String iban(SplittableRandom r) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(r.nextInt(10));
        }
        // check digits: 98 - (BBAN + "DE00" as digits) mod 97, D=13, E=14
        java.math.BigInteger n = new java.math.BigInteger(bban + "131400");
        int check = 98 - n.mod(java.math.BigInteger.valueOf(97)).intValue();
        String iban = "DE" + String.format("%02d", check) + bban;
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            grouped.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return grouped.toString();
    }

    private static String nationalId(Language language, SplittableRandom r) {
        int year = 1960 + r.nextInt(40);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        return switch (language) {
            case KO -> {
                String d = String.format("%02d%02d%02d%d%05d", year % 100, month, day, 1 + r.nextInt(2), r.nextInt(100_000));
                int[] w = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
                int sum = 0;
                for (int i = 0; i < 12; i++) {
                    sum += (d.charAt(i) - '0') * w[i];
                }
                yield d.substring(0, 6) + "-" + d.substring(6) + (11 - sum % 11) % 10;
            }
            case JA -> {
                StringBuilder d = new StringBuilder();
                for (int i = 0; i < 11; i++) {
                    d.append(r.nextInt(10));
                }
                int sum = 0;
                for (int n = 1; n <= 11; n++) {
                    int p = d.charAt(11 - n) - '0';
                    sum += p * (n <= 6 ? n + 1 : n - 5);
                }
                int rem = sum % 11;
                d.append(rem <= 1 ? 0 : 11 - rem);
                yield d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8);
            }
            default -> {
                String d = String.format("110105%04d%02d%02d%03d", year, month, day, r.nextInt(1000));
                int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
                int sum = 0;
                for (int i = 0; i < 17; i++) {
                    sum += (d.charAt(i) - '0') * w[i];
                }
                int check = (12 - sum % 11) % 11;
                yield d + (check == 10 ? "X" : String.valueOf(check));
            }
        };
    }
}
