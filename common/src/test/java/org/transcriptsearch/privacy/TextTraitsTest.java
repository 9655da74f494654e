package org.transcriptsearch.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextTraitsTest {
    private static TextTraits of(String s) {
        return MatchingText.of(s).traits();
    }

    @Test
    void digitChainsRunAcrossTheSeparatorsNumbersAreTypedWith() {
        assertEquals(11, of("call 010-1234-5678 now").longestDigitChain());
        assertEquals(10, of("(02) 2345-6789").longestDigitChain());
        assertEquals(12, of("+852 2345 6789 - 1").longestDigitChain());
        assertEquals(16, of("4111 - 1111 - 1111 - 1111").longestDigitChain());
        assertEquals(11, of("０１０－１２３４－５６７８").longestDigitChain(), "full-width, as normalised");
        assertEquals(2, of("c3a1e2f4-9b7d-4e2a-8f1c-0d2e3f4a5b6c").longestDigitChain(), "letters break a chain");
        assertEquals(4, of("10:00:00 on 1/2/2026").longestDigitChain());
    }

    @Test
    void eachKindIsRunOnlyWhereItCanMatch() {
        TextTraits id = of("c3a1e2f4-9b7d-4e2a-8f1c-0d2e3f4a5b6c");
        for (PiiKind kind : PiiKind.values()) {
            assertFalse(id.mayHold(kind), kind + " in a UUID");
        }
        for (String time : new String[] {"2026-11-30T10:00:00.123Z", "2026-11-30", "2026-11-30 10:00:00+09:00"}) {
            for (PiiKind kind : PiiKind.values()) {
                assertFalse(of(time).mayHold(kind), kind + " in " + time);
            }
        }
        assertTrue(of("mail me: ｊａｎｅ＠example.com").mayHold(PiiKind.EMAIL));
        assertTrue(of("DE89 3704 0044 0532 0130 00").mayHold(PiiKind.IBAN));
        assertFalse(of("de89 3704 0044 0532 0130 00").mayHold(PiiKind.IBAN));
        assertTrue(of("from 203.0.113.9").mayHold(PiiKind.IP));
        assertTrue(of("fe80::1").mayHold(PiiKind.IP));
        assertFalse(of("version 1.2").mayHold(PiiKind.IP));
        assertTrue(of("주민번호 900101-1234568").mayHold(PiiKind.NATIONAL_ID));
        assertFalse(of("주문 A1234567").mayHold(PiiKind.PHONE), "seven digits: no phone number is that short");
    }
}
