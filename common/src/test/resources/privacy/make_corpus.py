#!/usr/bin/env python3
"""Writes corpus.json: chatbot messages holding personal data (each value listed with its kind) and
look-alikes that hold none. Values with check digits are generated valid (Luhn, mod-97, RRN, My Number,
ISO 7064); the seed is fixed so the file is reproducible: python3 make_corpus.py > corpus.json"""
import json
import random

R = random.Random(20261201)
LANGS = ["ko", "ja", "zh", "en"]


def fw(s):
    """Full-width form, as typed with an East Asian input method."""
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else ("\u3000" if c == " " else c) for c in s)


def fw_digits(s, dash="－"):
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else (dash if c == "-" else c) for c in s)


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    for check in "0123456789":
        if luhn_ok(body + check):
            return body + check


def luhn_ok(d):
    total, twice = 0, False
    for c in reversed(d):
        v = int(c) * (2 if twice else 1)
        total += v - 9 if v > 9 else v
        twice = not twice
    return total % 10 == 0


def group(d, sizes, sep):
    out, i = [], 0
    for s in sizes:
        out.append(d[i:i + s])
        i += s
    if i < len(d):
        out.append(d[i:])
    return sep.join(out)


# ---------------------------------------------------------------- values

def email(lang):
    names = {"ko": ["minji.kim", "jh_park", "seoyeon92", "leeds0714", "hana.choi"],
             "ja": ["tanaka.yuki", "s-suzuki", "haruka_0318", "kenji.sato", "m.yamamoto"],
             "zh": ["wangfang88", "li.na", "zhang_wei", "chen.jialin", "huangmei2020"],
             "en": ["john.smith", "emily_r", "dave+shop", "k.johnson", "sarah.o-connor"]}[lang]
    domains = {"ko": ["naver.com", "daum.net", "gmail.com", "kakao.com", "hanmail.net"],
               "ja": ["yahoo.co.jp", "docomo.ne.jp", "gmail.com", "ezweb.ne.jp", "icloud.com"],
               "zh": ["qq.com", "163.com", "126.com", "yahoo.com.tw", "gmail.com"],
               "en": ["gmail.com", "outlook.com", "example.co.uk", "mail.company.com", "yahoo.com"]}[lang]
    v = R.choice(names) + str(R.randint(1, 99)) + "@" + R.choice(domains)
    style = R.random()
    if lang in ("ja", "zh") and style < 0.2:
        return fw(v)
    if lang in ("ja", "zh", "ko") and style < 0.35:
        return v.replace("@", "＠")
    return v


def phone(lang, i):
    n4, n3 = (lambda: digits(4)), (lambda: digits(3))
    if lang == "ko":
        forms = [lambda: f"010-{R.randint(2000, 9999)}-{n4()}", lambda: f"010{R.randint(2000, 9999)}{n4()}",
                 lambda: f"010 {R.randint(2000, 9999)} {n4()}", lambda: f"02-{R.randint(200, 999)}-{n4()}",
                 lambda: f"031-{R.randint(200, 999)}-{n4()}", lambda: f"+82 10-{R.randint(2000, 9999)}-{n4()}",
                 lambda: f"+82-10-{R.randint(2000, 9999)}-{n4()}", lambda: fw_digits(f"010-{R.randint(2000, 9999)}-{n4()}"),
                 lambda: f"051-{R.randint(200, 999)}-{n4()}", lambda: f"070-{R.randint(2000, 9999)}-{n4()}",
                 lambda: f"011-{R.randint(200, 999)}-{n4()}", lambda: f"010.{R.randint(2000, 9999)}.{n4()}"]
    elif lang == "ja":
        forms = [lambda: f"090-{n4()}-{n4()}", lambda: f"080{n4()}{n4()}", lambda: f"03-{n4()}-{n4()}",
                 lambda: f"06-{n4()}-{n4()}", lambda: f"+81 90-{n4()}-{n4()}", lambda: fw_digits(f"090-{n4()}-{n4()}", "ー"),
                 lambda: f"03({n4()}){n4()}", lambda: f"070 {n4()} {n4()}", lambda: fw_digits(f"045-{n3()}-{n4()}"),
                 lambda: f"0120-{n3()}-{n3()}", lambda: f"+81-3-{n4()}-{n4()}", lambda: f"092-{n3()}-{n4()}"]
    elif lang == "zh":
        forms = [lambda: f"138 {n4()} {n4()}", lambda: f"13{R.randint(0, 9)}{n4()}{n4()}", lambda: f"+86 139-{n4()}-{n4()}",
                 lambda: f"010-{R.randint(2000, 9999)}{n4()}", lambda: f"0755-{R.randint(2000, 9999)}{n4()}",
                 lambda: f"0912-{n3()}-{n3()}", lambda: f"+886 912 {n3()} {n3()}", lambda: f"02-{R.randint(2000, 9999)}-{n4()}",
                 lambda: f"+852 {R.choice('5679')}{n3()} {n4()}", lambda: fw(f"15{R.randint(0, 9)}{n4()}{n4()}"),
                 lambda: f"186-{n4()}-{n4()}", lambda: f"+86 21 {R.randint(2000, 9999)} {n4()}"]
    else:
        forms = [lambda: f"+1 (415) {R.randint(200, 999)}-{n4()}", lambda: f"415-{R.randint(200, 999)}-{n4()}",
                 lambda: f"(212) {R.randint(200, 999)}-{n4()}", lambda: f"646.{R.randint(200, 999)}.{n4()}",
                 lambda: f"07700 {R.randint(100000, 999999)}", lambda: f"+44 7700 {R.randint(100000, 999999)}",
                 lambda: f"+44 (0)20 {R.randint(2000, 9999)} {n4()}", lambda: f"020 {R.randint(2000, 9999)} {n4()}",
                 lambda: f"+1-312-{R.randint(200, 999)}-{n4()}", lambda: f"+49 30 {R.randint(1000000, 9999999)}",
                 lambda: f"+61 412 {n3()} {n3()}", lambda: f"1-800-{R.randint(200, 999)}-{n4()}"]
    return forms[i % len(forms)]()


def card(lang, i):
    kinds = [("4", 16), ("5" + str(R.randint(1, 5)), 16), ("37", 15), ("35" + str(R.randint(28, 89)), 16),
             ("62", 16), ("6011", 16), ("2" + str(R.randint(221, 720)), 16), ("4", 16)]
    prefix, length = kinds[i % len(kinds)]
    d = luhn_complete(prefix, length)
    sizes = [4, 6, 5] if length == 15 else [4, 4, 4, 4]
    style = i % 4
    if style == 0:
        v = group(d, sizes, " ")
    elif style == 1:
        v = group(d, sizes, "-")
    elif style == 2:
        v = d
    else:
        v = group(d, sizes, "-" if lang != "en" else " ")
        if lang in ("ja", "zh", "ko"):
            v = fw_digits(v)
    return v


IBAN_SHAPES = {"DE": "8n10n", "GB": "4a14n", "FR": "10n11c2n", "NL": "4a10n", "ES": "20n", "IT": "1a10n12c",
               "CH": "5n12c", "BE": "12n", "AT": "16n", "PL": "24n"}


def iban():
    cc = R.choice(list(IBAN_SHAPES))
    shape, bban, num = IBAN_SHAPES[cc], "", ""
    for ch in shape:
        if ch.isdigit():
            num += ch
            continue
        n, num = int(num), ""
        alphabet = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}[ch]
        bban += "".join(R.choice(alphabet) for _ in range(n))
    numeric = "".join(str(int(c, 36)) for c in bban + cc + "00")
    check = 98 - int(numeric) % 97
    v = f"{cc}{check:02d}{bban}"
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4)) if R.random() < 0.6 else v


def rrn(post2020=False):
    if post2020:
        y, g = R.randint(21, 24), R.choice("34")
    else:
        y = R.randint(50, 99) if R.random() < 0.7 else R.randint(0, 9)
        g = R.choice("12") if y >= 50 else R.choice("34")
    m, d = R.randint(1, 12), R.randint(1, 28)
    body = f"{y:02d}{m:02d}{d:02d}{g}{digits(5)}"
    if post2020:
        return body + digits(1)
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    check = (11 - sum(int(c) * w[i] for i, c in enumerate(body)) % 11) % 10
    return body + str(check)


def my_number():
    body = digits(11)
    s = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    return body + str(0 if r <= 1 else 11 - r)


def china_id():
    region = R.choice(["110101", "310104", "440305", "510107", "330106", "420111", "320102", "650102"])
    birth = f"{R.randint(1950, 2005)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}"
    body = region + birth + digits(3)
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    c = (12 - sum(int(x) * w[i] for i, x in enumerate(body)) % 11) % 11
    return body + ("X" if c == 10 else str(c))


def ipv4():
    return R.choice([f"203.0.113.{R.randint(1, 254)}", f"192.168.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}", f"172.16.{R.randint(0, 31)}.{R.randint(1, 254)}",
                     f"{R.randint(1, 223)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(0, 255)}"])


def ipv6():
    h = lambda: format(R.randint(1, 0xFFFF), "x")
    return R.choice([f"2001:db8::{h()}", f"fe80::{h()}:{h()}:{h()}:{h()}", f"2001:0db8:85a3:0000:0000:8a2e:0370:{R.randint(1000, 9999)}",
                     "::1", f"2400:cb00:{h()}::{h()}", f"::ffff:192.0.2.{R.randint(1, 254)}", f"2001:db8:{h()}:{h()}::{h()}%eth0"])


# ---------------------------------------------------------------- messages

TEMPLATES = {
    "email": {
        "ko": ["제 이메일은 {v}입니다. 영수증 보내주세요", "{v}로 답장 부탁드려요", "이메일 주소 {v} 으로 변경하고 싶어요",
               "로그인 아이디가 {v} 인데 비밀번호를 잊어버렸어요"],
        "ja": ["メールアドレスは{v}です。", "{v}に確認メールを送ってください", "登録メールを{v}へ変更したいです",
               "連絡先：{v}（平日のみ）"],
        "zh": ["我的邮箱是{v}，请发发票给我", "請寄到{v}，謝謝", "邮箱：{v}", "帳號綁定的信箱是{v}嗎？"],
        "en": ["My email is {v}, please send the receipt there.", "You can reach me at {v}.",
               "Please update my email to {v} asap", "I never got the confirmation at {v}?"],
    },
    "phone": {
        "ko": ["배송 기사님이 {v}로 연락주시면 돼요", "제 번호는 {v}입니다", "연락처 {v} 으로 문자 주세요",
               "{v}번으로 전화 부탁드려요", "휴대폰 번호를 {v}(으)로 바꿨어요"],
        "ja": ["電話番号は{v}です。", "{v}までご連絡ください", "携帯：{v}", "折り返しは{v}にお願いします",
               "自宅の番号{v}に変更しました"],
        "zh": ["手机号{v}，到了打我电话", "我的電話是{v}，請回電", "联系电话：{v}", "請打{v}找我",
               "電話 {v} 有人接"],
        "en": ["Call me at {v} after 5pm.", "My number is {v}", "Text {v} when the driver arrives",
               "you can reach me on {v}, thanks", "Phone: {v}"],
    },
    "card": {
        "ko": ["카드번호 {v} 로 결제했는데 두 번 청구됐어요", "결제 카드 {v}입니다", "{v} 카드 등록이 안 돼요"],
        "ja": ["カード番号は{v}です", "{v}のカードで支払いました", "登録カード：{v}"],
        "zh": ["我的卡号是{v}，扣了两次款", "信用卡{v}付款失敗", "卡號：{v}"],
        "en": ["My card number is {v}, charged twice!", "I paid with {v} yesterday", "card: {v} exp 09/27"],
    },
    "iban": {
        "ko": ["환불은 {v} 계좌로 부탁드립니다", "IBAN: {v} 로 송금해 주세요", "독일 계좌 {v}입니다"],
        "ja": ["返金先IBANは{v}です", "{v}へ振り込んでください", "口座（IBAN）：{v}"],
        "zh": ["退款请打到{v}", "我的IBAN是{v}，謝謝", "收款账户：{v}"],
        "en": ["Please refund to IBAN {v}.", "My IBAN is {v}", "Send it to {v} thanks"],
    },
    "national_id": {
        "ko": ["주민등록번호 {v} 입니다", "본인확인용 주민번호는 {v}예요", "주민번호 {v}로 조회해 주세요"],
        "ja": ["マイナンバーは{v}です", "個人番号：{v}", "マイナンバー {v} を登録しました"],
        "zh": ["身份证号{v}，请帮我实名认证", "我的身份證號碼是{v}", "身份证：{v}"],
        "en": ["My Korean resident number is {v}", "Chinese ID card: {v}", "my number (マイナンバー) is {v}"],
    },
    "ip": {
        "ko": ["접속 IP는 {v}입니다", "{v}에서 로그인 시도가 있었어요", "회사 IP {v} 허용해 주세요"],
        "ja": ["IPアドレスは{v}です", "{v}からのアクセスがブロックされました", "サーバー {v} に接続できません"],
        "zh": ["我的IP是{v}", "從{v}登入失敗", "服务器地址：{v}"],
        "en": ["My IP is {v}", "Login from {v} was blocked", "please whitelist {v} for our office"],
    },
}


def value(kind, lang, i):
    if kind == "email":
        return email(lang)
    if kind == "phone":
        return phone(lang, i)
    if kind == "card":
        return card(lang, i)
    if kind == "iban":
        return iban()
    if kind == "ip":
        return ipv4() if i % 2 == 0 else ipv6()
    if lang == "ko":
        v = rrn(post2020=(i % 4 == 3))
        style = i % 3
        v = v[:6] + "-" + v[6:] if style != 2 or i % 4 == 3 else v
        return fw_digits(v) if i % 5 == 4 else v
    if lang == "ja":
        v = my_number()
        return [v, group(v, [4, 4, 4], " "), group(v, [4, 4, 4], "-"), fw(v)][i % 4]
    if lang == "zh":
        return china_id()
    return [lambda: rrn()[:6] + "-" + rrn()[6:] if False else (lambda r: r[:6] + "-" + r[6:])(rrn()),
            china_id, lambda: group(my_number(), [4, 4, 4], " ")][i % 3]()


def personal():
    out = []
    per_lang = 12
    for kind in TEMPLATES:
        for lang in LANGS:
            for i in range(per_lang):
                v = value(kind, lang, i)
                templates = TEMPLATES[kind][lang]
                if kind == "national_id" and lang == "en":
                    t = templates[i % 3]
                else:
                    t = templates[i % len(templates)]
                out.append({"lang": lang, "text": t.format(v=v), "values": [{"kind": kind, "value": v}]})
    # a few messages with several values
    mixed = [
        ("ko", "이름 김민지, 010-3482-1190, {e} 로 연락 주세요", [("phone", "010-3482-1190")], "email"),
        ("ja", "連絡先は090-5521-3307、メールは{e}です", [("phone", "090-5521-3307")], "email"),
        ("zh", "电话13912345678，邮箱{e}", [("phone", "13912345678")], "email"),
        ("en", "Reach me at +1 (646) 555-0142 or {e}.", [("phone", "+1 (646) 555-0142")], "email"),
    ]
    for lang, t, vals, extra in mixed:
        e = email(lang)
        out.append({"lang": lang, "text": t.format(e=e),
                    "values": [{"kind": k, "value": v} for k, v in vals] + [{"kind": extra, "value": e}]})
    cid = china_id()
    cid_x = next(v for v in iter(china_id, None) if v.endswith("X"))
    r = rrn()
    visa = luhn_complete("4", 16)
    written = [
        ("ko", "엄마 번호 010 9876 5432, 아빠 번호 010-5555-1234 둘 다 안 받아요",
         [("phone", "010 9876 5432"), ("phone", "010-5555-1234")]),
        ("ko", "010-4821-7730로 연락 주세요. 주문번호는 2025031012345입니다", [("phone", "010-4821-7730")]),
        ("ko", "해외라서 +82 (0)10 2345 6789 로 걸어주세요", [("phone", "+82 (0)10 2345 6789")]),
        ("ko", "주민번호 " + r[:6] + " - " + r[6:] + " 맞는지 확인 좀", [("national_id", r[:6] + " - " + r[6:])]),
        ("ja", "電話番号：" + fw_digits("090-8123-4567", "ー") + "（携帯）", [("phone", fw_digits("090-8123-4567", "ー"))]),
        ("ja", "TEL 03-5555-1234 / FAX 03-5555-1235", [("phone", "03-5555-1234"), ("phone", "03-5555-1235")]),
        ("ja", "+81 80 1234 5678までお願いします", [("phone", "+81 80 1234 5678")]),
        ("zh", "我的手机号是 +86 13800138000，身份证号" + cid_x, [("phone", "+86 13800138000"), ("national_id", cid_x)]),
        ("zh", "香港電話：9123 4567，白天打", [("phone", "9123 4567")]),
        ("zh", "台灣手機 0912 345 678 或市話 (02) 2345-6789", [("phone", "0912 345 678"), ("phone", "(02) 2345-6789")]),
        ("zh", "身份证 " + cid[:6] + " " + cid[6:14] + " " + cid[14:] + " 请核对", [("national_id", cid[:6] + " " + cid[6:14] + " " + cid[14:])]),
        ("en", "call me on 07700 900123 or email jane.doe@example.org", [("phone", "07700 900123"), ("email", "jane.doe@example.org")]),
        ("en", "my ip is 2001:db8::1, the server is 10.0.0.5.", [("ip", "2001:db8::1"), ("ip", "10.0.0.5")]),
        ("en", "Card: " + group(visa, [4, 4, 4, 4], "-") + ", exp 12/27", [("card", group(visa, [4, 4, 4, 4], "-"))]),
        ("en", "WhatsApp +852 6123 4567 or +65 9123 4567", [("phone", "+852 6123 4567"), ("phone", "+65 9123 4567")]),
    ]
    # Written after the detectors were tuned, as a check on cases they were not tuned on.
    mastercard = fw_digits(group(luhn_complete("5412", 16), [4, 4, 4, 4], " "))
    unseen = [
        ("ko", "폰 번호 바뀌었어요!! 010‐7788‐1234 입니다~", [("phone", "010‐7788‐1234")]),
        ("ko", "연락처: 010-2345-6789 / 이메일: Kim.MJ@Samsung.com", [("phone", "010-2345-6789"), ("email", "Kim.MJ@Samsung.com")]),
        ("ko", "카드 " + mastercard + " 분실했어요", [("card", mastercard)]),
        ("ja", "TEL:０３－５５５５－１２３４（代表）", [("phone", "０３－５５５５－１２３４")]),
        ("ja", "携帯は080-1234-5678、固定は0465-12-3456です", [("phone", "080-1234-5678"), ("phone", "0465-12-3456")]),
        ("ja", "ログイン元IP: 2001:db8:abcd:12::7 でした", [("ip", "2001:db8:abcd:12::7")]),
        ("zh", "手机：138-0013-8000（微信同号）", [("phone", "138-0013-8000")]),
        ("zh", "我的電話是+886-2-2345-6789，週一到週五", [("phone", "+886-2-2345-6789")]),
        ("zh", "退款账户 GB33BUKB20201555555555，谢谢", [("iban", "GB33BUKB20201555555555")]),
        ("en", "My cell is 415 555 0199, my wife's is +1 415 555 0142", [("phone", "415 555 0199"), ("phone", "+1 415 555 0142")]),
        ("en", "email: JOHN.SMITH@EXAMPLE.COM (work)", [("email", "JOHN.SMITH@EXAMPLE.COM")]),
        ("en", "card ending... actually the full number is 5500005555555559.", [("card", "5500005555555559")]),
    ]
    written += unseen
    for lang, text, vals in written:
        out.append({"lang": lang, "text": text, "values": [{"kind": k, "value": v} for k, v in vals]})
    return out


WRITTEN_LOOKALIKES = {
    "ko": ["사업자등록번호 123-45-67890 세금계산서 발행해 주세요", "운송장 6789-1234-5678 조회 부탁해요",
           "2025-03-10T14:30:00Z 에 결제됨", "좌석 12A, 게이트 23, 편명 KE017", "화면 비율 16:9, 해상도 2560x1440",
           "공유기 MAC 00:1A:2B:3C:4D:5E 등록해 주세요", "가격이 1,299,000원에서 1,099,000원으로 내렸어요",
           "2박 3일, 성인 2명 아동 1명 예약", "쿠폰 번호 1234-5678-9012-3456 입력했는데 오류", "버전 10.0.19045.3803 윈도우에서 안 돼요"],
    "ja": ["商品番号 4901234567894 の在庫", "郵便番号 123-4567 の住所に送ってください", "〒100-0001 東京都千代田区千代田1-1",
           "合計 ¥13,800.00（送料込み）", "2025年3月10日 14:30 予約", "JANコード4549980123453を検索しても出ません",
           "部屋番号 1203、12階です", "C++ の std::map で落ちます", "比率は16:9です", "受付番号 A-2025-03-10-0012"],
    "zh": ["订单 2025031012345678 未发货", "快递单号 YT7512345678901", "订单号202503101234567890", "时间戳 1741600000000",
           "京东单号 JD0123456789012", "房间号 1203，12楼", "合计 ¥1,299.00 元", "版本 v1.2.3.4 有bug", "比分 3:2",
           "票號 2025-0310-0008"],
    "en": ["version 1.2.3 is out", "Build 2025.03.10.1 fails", "Ticket #48213 still open", "Room 1203, floor 12",
           "GTIN 0 12345 67890 5", "the price went from 1,299 to 1,099", "meeting 10/03 at 3pm", "ISBN 978-0-306-40615-7",
           "PO number 4500012345 line 10", "Serial SN-2025-000123"],
}
# Written after the detectors were tuned, as a check on cases they were not tuned on.
UNSEEN_LOOKALIKES = {
    "ko": ["주문일시 2025.03.10 14:22:31", "적립금 3,000원 사용했어요", "배송비 ₩3,000 포함 ₩15,900", "쿠팡 주문번호 31000123456789",
           "교환 요청 건 #A-10293", "카드 승인번호 30012345", "할부 3개월, 승인번호 12345678", "CJ대한통운 운송장 568912345678",
           "전화 상담 시간 09:00~18:00", "아파트 101동 1203호"],
    "ja": ["注文日 2025/03/10 14:22", "お届け予定 3月12日(水) 午前中", "伝票番号 3456-7890-1234 佐川", "合計金額 ¥12,980(税込)",
           "ポイント 1,234pt 付与", "型番 MDX-2025-03", "郵便番号 060-0001", "会員ID 10029384", "承認番号 0123456",
           "電話受付 9:00〜17:00（土日祝休み）"],
    "zh": ["订单编号 E20250310123456789", "京东订单 298765432101", "顺丰单号 SF1402345678901",
           "支付宝交易号 2025031022001412345678901234", "价格 ￥2,599.00", "发货时间 2025-03-10 14:22:31",
           "淘宝订单号 3698521470258963", "邮编 518000", "货号 A2025-0310", "電話客服時間 09:00-21:00"],
    "en": ["Amazon order 112-1234567-1234567", "Walmart order 2000123456789", "Confirmation code 8XJ2K9",
           "Flight UA 857 departs 10:45", "Apt 4B, 221 Baker St", "Invoice total $2,345.67", "Tracking 1Z999AA10123456784",
           "FedEx 7712 3456 7890", "Zip 10001", "Version 2.0.1-beta"],
}


def bad_luhn(prefix, length):
    d = luhn_complete(prefix, length)
    return d[:-1] + str((int(d[-1]) + R.randint(1, 9)) % 10)


def lookalikes():
    items = {
        "ko": [
            "주문번호 {o}번 배송 언제 오나요?", "운송장번호 {t12} 조회가 안 돼요", "가격이 ₩12,000에서 ₩{p},000으로 올랐네요",
            "2025-03-10에 주문했어요", "오후 2시 30분(14:30)에 방문 예정입니다", "모델명 SM-S928N 재고 있나요?",
            "우편번호 0{z5}로 보내주세요", "앱 버전 {ver} 에서 오류가 나요", "포인트 1,234,567점 남았어요",
            "상품코드 P-{d6}-KR 문의합니다", "쿠폰 번호 {fl16}가 안 먹혀요", "회원번호 {bad11} 맞나요?",
            "{date8} 주문 건 환불해 주세요", "총 3개, 합계 45,900원 결제했어요", "10:30~11:00 사이에 와주세요",
            "예약번호 {o}-{d4} 확인 부탁드려요", "사이즈 270mm, 수량 2개요", "2025.03.10 14:22 결제 내역 확인해 주세요",
            "택배 {t12} 아직 안 왔어요", "ISBN 979-11-{d4}-{d3}-{d1} 책 있나요?",
        ],
        "ja": [
            "注文番号{o}の配送状況を教えてください", "お問い合わせ番号 {t12d} で追跡できません", "価格は¥3,980（税込）です",
            "2025年3月10日に注文しました", "14時30分頃に伺います", "型番 KJ-55X85L の在庫はありますか",
            "〒150-{d4} 東京都渋谷区", "アプリのバージョン{ver}で落ちます", "ポイントが12,345pt残っています",
            "商品コード4901234{d6}", "クーポンコード {fl16} が使えません", "会員番号{bad11}です",
            "{date8}の注文をキャンセルしたい", "合計￥12,800になります", "受付時間 10:00〜18:00",
            "予約番号 {o}-{d4}", "ヤマトの伝票番号 {t12d} です", "2025/03/10 15:00に配達予定",
            "サイズは26.5cm、数量は3です", "ISBN978-4-{d2}-{d6}-{d1}の本を探しています",
        ],
        "zh": [
            "订单号{o18}什么时候发货？", "快递单号SF{d13}查不到", "价格从¥299降到¥{p}了",
            "2025年3月10日下的单", "下午2点30分送到", "型号 iPhone 15 Pro Max 256GB 有货吗",
            "邮编{d6}，地址在北京", "App版本{ver}闪退", "積分還剩12,345點",
            "商品編號A{d8}", "優惠碼{fl16}無效", "会员号{bad11}",
            "{date8}的訂單要退款", "合計NT$1,280元", "營業時間10:00-22:00",
            "預約編號{o}-{d4}", "运单号{t12}一直没更新", "2025-03-10 14:22付款成功",
            "數量3件，總價$1,299.00", "发票号码{d8}，代码{d12b}",
        ],
        "en": [
            "Order #{o} hasn't shipped yet", "Tracking number 1Z{d3}AA1{d10} shows no movement", "It was $1,299.00, now ${p}.99?",
            "I ordered on 2025-03-10", "Can you come at 14:30?", "Do you have model WH-1000XM5 in stock?",
            "Ship it to ZIP 94105-{d4} please", "App version {ver} keeps crashing", "I have 12,345 points left",
            "SKU 8{d11} is out of stock", "Gift card code {fl16} doesn't work", "Account reference {bad11}",
            "Order placed {date8}", "Total was £45.90 incl. VAT", "Open 9:00-17:30 Mon-Fri",
            "Booking ref {o}-{d4}", "USPS tracking 9400 1{d3} {d4} {d4} {d4} {d4} {d2}", "Delivered 03/10/2025 at 2:15 PM",
            "Size 10.5, qty 2, total $89.97", "Invoice INV-2025-{d6} attached",
        ],
    }
    fill = {
        "o": lambda: "2025" + digits(6), "o18": lambda: "2025" + digits(14), "t12": lambda: str(R.randint(3, 9)) + digits(11),
        "t12d": lambda: group(str(R.randint(3, 9)) + digits(11), [4, 4, 4], "-"), "p": lambda: str(R.randint(10, 999)),
        "z5": lambda: digits(4), "ver": lambda: R.choice(["v2.3.1", "1.18.2", "3.0.12", "10.4", "v5.2.0.1"]),
        "d1": lambda: digits(1), "d2": lambda: digits(2), "d3": lambda: digits(3), "d4": lambda: digits(4),
        "d6": lambda: digits(6), "d8": lambda: digits(8), "d10": lambda: digits(10), "d11": lambda: digits(11),
        "d12b": lambda: "0" + "44" + digits(9), "d13": lambda: digits(13),
        "fl16": lambda: group(bad_luhn("4", 16), [4, 4, 4, 4], R.choice([" ", "-"])),
        "bad11": lambda: R.choice(["12", "20", "11"]) + digits(9),
        "date8": lambda: f"2025{R.randint(1, 12):02d}{R.randint(1, 28):02d}",
    }
    out = []
    for lang in LANGS:
        for round_ in range(2):
            for t in items[lang]:
                text = t
                for key, f in fill.items():
                    while "{" + key + "}" in text:
                        text = text.replace("{" + key + "}", f(), 1)
                if round_ == 1 and lang in ("ja", "zh") and R.random() < 0.5:
                    text = fw_digits(text)
                out.append({"lang": lang, "text": text})
        out.extend({"lang": lang, "text": text} for text in WRITTEN_LOOKALIKES[lang] + UNSEEN_LOOKALIKES[lang])
    return out


if __name__ == "__main__":
    def lines(items):
        return ",\n".join("  " + json.dumps(m, ensure_ascii=False) for m in items)
    print('{"personal": [\n' + lines(personal()) + '\n],\n"lookalikes": [\n' + lines(lookalikes()) + "\n]}")
