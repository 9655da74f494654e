package org.transcriptsearch.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tricky cases of each built-in detector, one kind enabled at a time. */
class PiiDetectorsTest {

    private static String only(PiiKind kind, String text) {
        return new PiiRedaction(new PrivacyConfig(EnumSet.of(kind), List.of())).redact(text).text();
    }

    @Test
    void emailWithFullWidthAtAndDotsIsReplacedWhereItWasWritten() {
        assertEquals("메일은 [EMAIL]로 주세요", only(PiiKind.EMAIL, "메일은 ｍｉｎｊｉ＠ｎａｖｅｒ．ｃｏｍ로 주세요"));
        assertEquals("mail [EMAIL].", only(PiiKind.EMAIL, "mail jo.smith+shop@mail.example.co.uk."));
        assertEquals("name (at) example.com", only(PiiKind.EMAIL, "name (at) example.com"));
        assertEquals("user@localhost", only(PiiKind.EMAIL, "user@localhost"));
    }

    @Test
    void phonesOfEachCountryInTheirUsualShapes() {
        for (String phone : List.of("010-1234-5678", "01012345678", "02-123-4567", "+82 10-1234-5678", "+82 (0)10 2345 6789",
                "090-1234-5678", "03-1234-5678", "03(1234)5678", "+81 90 1234 5678", "138 0013 8000", "13800138000",
                "+86 138 0013 8000", "0912-345-678", "+886 912 345 678", "+852 9123 4567", "+1 (415) 555-0123",
                "415-555-0123", "(415) 555-0123", "07700 900123", "+44 7700 900123", "+49 30 1234567")) {
            assertEquals("tel [PHONE] ok", only(PiiKind.PHONE, "tel " + phone + " ok"), phone);
        }
    }

    @Test
    void fullWidthPhoneIsReplacedAsWritten() {
        assertEquals("番号は[PHONE]です", only(PiiKind.PHONE, "番号は０９０ー１２３４ー５６７８です"));
        assertEquals("[PHONE]로 연락", only(PiiKind.PHONE, "０１０－１２３４－５６７８로 연락"));
    }

    @Test
    void hongKongNumberNeedsItsCodeOrAWordSayingPhone() {
        assertEquals("電話 [PHONE]", only(PiiKind.PHONE, "電話 9123 4567"));
        assertEquals("數量 9123 4567", only(PiiKind.PHONE, "數量 9123 4567"));
    }

    @Test
    void numbersThatAreNotPhones() {
        for (String text : List.of("2025-03-10", "12345678901", "ORD-2025-0310-1234", "v1.2.3", "14:30", "₩12,000",
                "$1,299.00", "9400 1707 2483 0271 9387 2168 22", "0 12345 67890 5", "123-45-67890", "〒150-0001",
                "発票代码044421322343")) {
            assertEquals(text, only(PiiKind.PHONE, text), text);
        }
    }

    @Test
    void twoPhonesSeparatedBySpaceAreBothFound() {
        assertEquals("[PHONE] [PHONE]", only(PiiKind.PHONE, "010-1234-5678 010-9876-5432"));
        assertEquals("문의 ([PHONE]) 주세요, 또는 [PHONE]", only(PiiKind.PHONE, "문의 (010-1234-5678) 주세요, 또는 (02) 2345-6789"));
        assertEquals("Room 1203 [PHONE]", only(PiiKind.PHONE, "Room 1203 010-1234-5678"));
        assertEquals("code 4836 0443 1801 5226", only(PiiKind.PHONE, "code 4836 0443 1801 5226"));
    }

    @Test
    void cardMustPassLuhn() {
        assertEquals("card [CARD]", only(PiiKind.CARD, "card 4111 1111 1111 1111"));
        assertEquals("card [CARD]", only(PiiKind.CARD, "card 4111-1111-1111-1111"));
        assertEquals("card [CARD]", only(PiiKind.CARD, "card ４１１１１１１１１１１１１１１１"));
        assertEquals("amex [CARD]", only(PiiKind.CARD, "amex 3782 822463 10005"));
        assertEquals("card 4111 1111 1111 1112", only(PiiKind.CARD, "card 4111 1111 1111 1112"));
        assertEquals("odd 41 1111 1111 1111 11", only(PiiKind.CARD, "odd 41 1111 1111 1111 11"));
    }

    @Test
    void ibanMustPassMod97WithOrWithoutSpaces() {
        assertEquals("IBAN [IBAN].", only(PiiKind.IBAN, "IBAN DE89 3704 0044 0532 0130 00."));
        assertEquals("IBAN [IBAN]", only(PiiKind.IBAN, "IBAN GB82WEST12345698765432"));
        assertEquals("IBAN DE89 3704 0044 0532 0130 01", only(PiiKind.IBAN, "IBAN DE89 3704 0044 0532 0130 01"));
        assertEquals("IBAN GB82WEST1234569876543", only(PiiKind.IBAN, "IBAN GB82WEST1234569876543"));
    }

    @Test
    void koreanResidentNumberCheckDigitAndTheRandomTailSince2020() {
        assertEquals("[NATIONAL_ID]", only(PiiKind.NATIONAL_ID, "900101-1234568"));
        assertEquals("900101-1234567", only(PiiKind.NATIONAL_ID, "900101-1234567"));
        assertEquals("901301-1234568", only(PiiKind.NATIONAL_ID, "901301-1234568"));
        // born 2021: no check digit rule, the hyphenated form with a real date is enough
        assertEquals("[NATIONAL_ID]", only(PiiKind.NATIONAL_ID, "210315-3123457"));
        assertEquals("2103153123457", only(PiiKind.NATIONAL_ID, "2103153123457"));
    }

    @Test
    void myNumberNeedsItsCheckDigitAndItsName() {
        assertEquals("マイナンバーは[NATIONAL_ID]です", only(PiiKind.NATIONAL_ID, "マイナンバーは1234 5678 9018です"));
        assertEquals("マイナンバーは1234 5678 9017です", only(PiiKind.NATIONAL_ID, "マイナンバーは1234 5678 9017です"));
        assertEquals("伝票番号 1234-5678-9018", only(PiiKind.NATIONAL_ID, "伝票番号 1234-5678-9018"));
    }

    @Test
    void chineseIdChecksumXAndBirthDate() {
        assertEquals("身份证[NATIONAL_ID]", only(PiiKind.NATIONAL_ID, "身份证11010519491231002X"));
        assertEquals("身份证[NATIONAL_ID]", only(PiiKind.NATIONAL_ID, "身份证11010519491231002x"));
        assertEquals("身份证110105194912310021", only(PiiKind.NATIONAL_ID, "身份证110105194912310021"));
        // checksum recomputed for 1949-02-30, a day that does not exist
        assertEquals("110105194902300020", only(PiiKind.NATIONAL_ID, "110105194902300020"));
    }

    @Test
    void ipv4OctetsAndIpv6Forms() {
        assertEquals("from [IP].", only(PiiKind.IP, "from 192.168.0.1."));
        assertEquals("256.1.1.1 v1.2.3.4 1.2.3.4.5", only(PiiKind.IP, "256.1.1.1 v1.2.3.4 1.2.3.4.5"));
        for (String ip : List.of("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8::1", "::1", "fe80::1%eth0",
                "::ffff:192.0.2.1", "2001:db8:0:0:1::1")) {
            assertEquals("ip [IP] here", only(PiiKind.IP, "ip " + ip + " here"), ip);
        }
        for (String notIp : List.of("14:30:00", "00:1A:2B:3C:4D:5E", "std::map", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9")) {
            assertEquals(notIp, only(PiiKind.IP, notIp), notIp);
        }
        assertEquals("地址：[IP]", only(PiiKind.IP, "地址：fe80::20df:65bf:a73e:4e4f"));
        assertEquals("[IP]: blocked, url http://[IP]:8080/", only(PiiKind.IP, "2001:db8::1: blocked, url http://10.0.0.1:8080/"));
    }
}
