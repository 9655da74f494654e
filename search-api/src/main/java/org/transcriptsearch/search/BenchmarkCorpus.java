package org.transcriptsearch.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.DocumentIds;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.Named;

/**
 * Synthetic but realistic transcripts for the benchmark: six sources over the three vendors,
 * conversations of 4-12 turns in English, Korean, Japanese and Chinese, intents with confidences and
 * fallbacks, over 90 days. Deterministic (conversation {@code n} is always the same), generated in
 * batches so a million messages never sit in memory at once.
 */
final class BenchmarkCorpus {
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final int DAYS = 90;
    static final List<String> LANGUAGES = List.of("en", "ko", "ja", "zh");

    record Source(String vendor, String name, Named bot, String channel) {
    }

    static final List<Source> SOURCES = List.of(
            new Source("cxone", "cxone-support", Named.of("bb-1", "Support Bot"), "chat"),
            new Source("cxone", "cxone-sales", Named.of("bb-2", "Sales Bot"), "web"),
            new Source("kore", "kore-banking", Named.of("st-1", "Banking Bot"), "web"),
            new Source("kore", "kore-insurance", Named.of("st-2", "Insurance Bot"), "ivr"),
            new Source("agentx", "agentx-store", Named.of("r3-218210", "Store Bot"), "whatsapp"),
            new Source("agentx", "agentx-travel", Named.of("r3-990001", "Travel Bot"), "messenger"));

    /** Intent → user utterances per language (index as LANGUAGES); "%s" takes an item. */
    record Intent(String name, String[][] utterances, String[][] replies) {
    }

    static final String[][] ITEMS = {
            {"order 4521", "my laptop", "the blue jacket", "ticket KX-88", "my card", "the premium plan"},
            {"주문 4521", "노트북", "파란 재킷", "티켓 KX-88", "카드", "프리미엄 요금제"},
            {"注文4521", "ノートパソコン", "青いジャケット", "チケットKX-88", "カード", "プレミアムプラン"},
            {"订单4521", "笔记本电脑", "蓝色夹克", "机票KX-88", "银行卡", "高级套餐"}};

    static final List<Intent> INTENTS = List.of(
            new Intent("reset_password",
                    new String[][] {{"I want to reset my password", "forgot my password again", "how do I change the password for %s"},
                            {"비밀번호를 재설정하고 싶어요", "비밀번호를 잊어버렸어요", "%s 비밀번호 변경은 어떻게 하나요"},
                            {"パスワードをリセットしたい", "パスワードを忘れました", "%sのパスワードを変更する方法"},
                            {"我想重置密码", "我忘记密码了", "怎么修改%s的密码"}},
                    new String[][] {{"I sent a password reset link to your email."}, {"비밀번호 재설정 링크를 이메일로 보냈습니다."},
                            {"パスワード再設定のリンクをメールで送りました。"}, {"我已将重置密码的链接发送到您的邮箱。"}}),
            new Intent("order_status",
                    new String[][] {{"where is %s", "has %s shipped yet", "track %s please"},
                            {"%s 어디쯤 왔나요", "%s 배송 상태 알려주세요", "%s 배송 조회"},
                            {"%sはどこですか", "%sの配送状況を教えて", "%sを追跡して"},
                            {"%s到哪里了", "%s发货了吗", "查询%s的物流"}},
                    new String[][] {{"Your order is on its way and arrives in two days."}, {"주문하신 상품은 배송 중이며 이틀 후 도착합니다."},
                            {"ご注文の商品は配送中で、2日後に届きます。"}, {"您的订单正在配送中，两天后送达。"}}),
            new Intent("refund_status",
                    new String[][] {{"when do I get my refund for %s", "refund for %s still missing", "I want a refund"},
                            {"%s 환불은 언제 되나요", "환불이 아직 안 됐어요", "환불 받고 싶어요"},
                            {"%sの返金はいつですか", "返金がまだです", "返金してほしい"},
                            {"%s什么时候退款", "退款还没到账", "我要退款"}},
                    new String[][] {{"Refunds reach your account within five business days."}, {"환불은 영업일 기준 5일 이내에 처리됩니다."},
                            {"返金は5営業日以内に処理されます。"}, {"退款将在五个工作日内到账。"}}),
            new Intent("cancel_subscription",
                    new String[][] {{"cancel %s", "I want to cancel my subscription", "stop charging me for %s"},
                            {"%s 해지해 주세요", "구독을 취소하고 싶어요", "%s 요금 청구를 멈춰 주세요"},
                            {"%sを解約したい", "サブスクリプションをキャンセルしたい", "%sの請求を止めて"},
                            {"取消%s", "我想取消订阅", "不要再扣%s的费用"}},
                    new String[][] {{"Your subscription is cancelled at the end of this billing period."}, {"구독은 이번 결제 기간이 끝나면 해지됩니다."},
                            {"サブスクリプションは今回の請求期間の終わりに解約されます。"}, {"您的订阅将在本计费周期结束时取消。"}}),
            new Intent("update_address",
                    new String[][] {{"change the delivery address for %s", "I moved, update my address"},
                            {"%s 배송지를 변경하고 싶어요", "이사했어요 주소를 바꿔 주세요"},
                            {"%sの配送先住所を変更したい", "引っ越したので住所を更新して"},
                            {"修改%s的收货地址", "我搬家了，请更新地址"}},
                    new String[][] {{"Please enter your new address."}, {"새 주소를 입력해 주세요."}, {"新しい住所を入力してください。"}, {"请输入您的新地址。"}}),
            new Intent("report_card",
                    new String[][] {{"%s was stolen", "I lost my card", "block %s now"},
                            {"%s 도난당했어요", "카드를 잃어버렸어요", "%s 정지해 주세요"},
                            {"%sが盗まれました", "カードをなくしました", "%sを止めてください"},
                            {"%s被偷了", "我的银行卡丢了", "马上冻结%s"}},
                    new String[][] {{"I have blocked your card and ordered a new one."}, {"카드를 정지하고 새 카드를 신청했습니다."},
                            {"カードを停止し、新しいカードを手配しました。"}, {"已冻结您的银行卡并补办新卡。"}}),
            new Intent("talk_to_agent",
                    new String[][] {{"let me talk to a human", "agent please"}, {"상담원 연결해 주세요", "사람이랑 얘기하고 싶어요"},
                            {"オペレーターにつないで", "人と話したい"}, {"转人工客服", "我要和真人说话"}},
                    new String[][] {{"Connecting you to an agent now."}, {"상담원에게 연결해 드리겠습니다."}, {"オペレーターにおつなぎします。"}, {"正在为您转接人工客服。"}}),
            new Intent("nlu_fallback",
                    new String[][] {{"hmm", "what", "asdf blue"}, {"음", "뭐라고요", "그냥요"}, {"えっと", "なに", "うーん"}, {"嗯嗯", "什么", "随便"}},
                    new String[][] {{"Sorry, I did not understand that."}, {"죄송해요, 잘 이해하지 못했어요."}, {"すみません、よくわかりませんでした。"}, {"抱歉，我没有理解您的意思。"}}));

    static final String[] GREETINGS = {"Hello! How can I help you today?", "안녕하세요! 무엇을 도와드릴까요?",
            "こんにちは！ご用件をお聞かせください。", "您好！请问有什么可以帮您？"};

    /** The conversation id of number {@code n}: CXone ids carry ';' as the vendor's do. */
    static String conversationId(int n) {
        Source s = source(n);
        return s.vendor().equals("cxone") ? "contact;" + (1_000_000 + n) + ";case" : s.vendor() + "-" + n;
    }

    static Source source(int n) {
        return SOURCES.get(n % SOURCES.size());
    }

    static String language(int n) {
        int r = Math.floorMod(n * 7919, 10);
        return r < 4 ? "en" : LANGUAGES.get(1 + (r - 4) / 2);
    }

    /** Messages and the conversation document of conversation {@code n}. */
    static void conversation(int n, List<MessageDocument> messages, List<ConversationDocument> conversations) {
        Random r = new Random(n * 31L + 7);
        Source s = source(n);
        String lang = language(n);
        int li = LANGUAGES.indexOf(lang);
        String id = conversationId(n);
        Instant start = START.plusSeconds((long) (r.nextDouble() * Duration.ofDays(DAYS).toSeconds()));
        int turns = 4 + r.nextInt(9);
        List<MessageDocument> docs = new ArrayList<>(turns);
        Instant at = start;
        int fallbacks = 0;
        List<String> intents = new ArrayList<>();
        for (int seq = 0; seq < turns; seq++) {
            String role;
            String text;
            MessageDocument.Intent intent = null;
            if (seq == 0) {
                role = "bot";
                text = GREETINGS[li];
            } else if (seq % 2 == 1) {
                role = "user";
                Intent in = INTENTS.get(r.nextInt(INTENTS.size()));
                String[] us = in.utterances()[li];
                text = us[r.nextInt(us.length)].replace("%s", ITEMS[li][r.nextInt(ITEMS[li].length)]);
                boolean fallback = in.name().equals("nlu_fallback");
                float confidence = fallback ? 0.05f + r.nextFloat() * 0.3f : 0.3f + r.nextFloat() * 0.7f;
                intent = new MessageDocument.Intent(in.name(), confidence, fallback, null);
                fallbacks += fallback ? 1 : 0;
                intents.add(in.name());
            } else {
                role = r.nextInt(12) == 0 ? "agent" : "bot";
                MessageDocument previous = docs.get(seq - 1);
                Intent in = INTENTS.stream().filter(i -> i.name().equals(previous.intent().name())).findFirst().orElseThrow();
                text = in.replies()[li][0];
            }
            at = at.plusSeconds(5 + r.nextInt(90));
            docs.add(new MessageDocument(at, s.vendor(), s.name(), s.bot(), new MessageDocument.ConversationRef(id),
                    new MessageDocument.MessageRef("m" + seq, seq, "text"), role, text, lang, intent, null,
                    Named.of(null, s.channel()), MessageDocument.CustomerRef.of("cust-" + (n % 50_000)), null, null,
                    "text/plain", null, null, null));
        }
        messages.addAll(docs);
        conversations.add(new ConversationDocument(start, s.vendor(), s.name(), s.bot(),
                new ConversationDocument.Conversation(id, (long) n, start, at, at.toEpochMilli() - start.toEpochMilli(), at),
                new ConversationDocument.Counts(turns, (int) docs.stream().filter(m -> m.role().equals("user")).count(),
                        (int) docs.stream().filter(m -> m.role().equals("bot")).count(),
                        (int) docs.stream().filter(m -> m.role().equals("agent")).count(), 0),
                docs.stream().map(MessageDocument::text).toList(), intents.stream().distinct().toList(), new ConversationDocument.Fallback(fallbacks), null, lang,
                List.of(lang), null, null, Named.of(null, s.channel()), MessageDocument.CustomerRef.of("cust-" + (n % 50_000)),
                null, null, null, null, null, null, null));
    }

    /** One {@code _bulk} body for conversations [from, to). */
    static String bulk(int from, int to, String messagesIndex, String conversationsIndex, ObjectMapper json) {
        List<MessageDocument> messages = new ArrayList<>();
        List<ConversationDocument> conversations = new ArrayList<>();
        for (int n = from; n < to; n++) {
            conversation(n, messages, conversations);
        }
        StringBuilder sb = new StringBuilder(messages.size() * 700);
        try {
            for (MessageDocument m : messages) {
                sb.append("{\"index\":{\"_index\":\"").append(messagesIndex).append("\",\"_id\":\"").append(m.id())
                        .append("\"}}\n").append(json.writeValueAsString(m)).append('\n');
            }
            for (ConversationDocument c : conversations) {
                sb.append("{\"index\":{\"_index\":\"").append(conversationsIndex).append("\",\"_id\":\"")
                        .append(DocumentIds.conversation(c.source(), c.conversation().id())).append("\"}}\n")
                        .append(json.writeValueAsString(c)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated document does not serialise", e);
        }
        return sb.toString();
    }

    /** How many conversations hold at least {@code messages} messages (turns vary, so this is counted). */
    static int conversationsFor(long messages) {
        long total = 0;
        int n = 0;
        while (total < messages) {
            Random r = new Random(n * 31L + 7);
            r.nextDouble();
            total += 4 + r.nextInt(9);
            n++;
        }
        return n;
    }
}
