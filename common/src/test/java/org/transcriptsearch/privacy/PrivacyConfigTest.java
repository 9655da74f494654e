package org.transcriptsearch.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ConfigException;
import org.yaml.snakeyaml.Yaml;

class PrivacyConfigTest {

    private static PrivacyConfig yaml(String text) {
        Map<String, Object> root = new Yaml().load(text);
        return PrivacyConfig.parse(root.get("privacy"));
    }

    @Test
    void theShapeInTheDesign() {
        PrivacyConfig config = yaml("""
                privacy:
                  redact: all
                  patterns:
                    - name: member_id
                      regex: 'M-\\d{8}'
                """);
        assertEquals(EnumSet.allOf(PiiKind.class), config.redact());
        assertEquals("member_id", config.patterns().get(0).name());
        assertEquals("[MEMBER_ID]", config.patterns().get(0).placeholder());
        assertEquals("회원 [MEMBER_ID]", new PiiRedaction(config).redact("회원 M-12345678").text());
    }

    @Test
    void aListOfKinds() {
        assertEquals(Set.of(PiiKind.EMAIL, PiiKind.NATIONAL_ID), yaml("privacy:\n  redact: [email, national_id]\n").redact());
    }

    @Test
    void noSectionMeansNoRedaction() {
        assertFalse(PrivacyConfig.parse((Object) null).enabled());
        assertFalse(PrivacyConfig.parse(new ObjectMapper().missingNode()).enabled());
        assertTrue(yaml("privacy:\n  redact: [ip]\n").enabled());
    }

    @Test
    void fromJson() throws Exception {
        PrivacyConfig config = PrivacyConfig.parse(new ObjectMapper().readTree(
                "{\"redact\": [\"phone\"], \"patterns\": [{\"name\": \"ticket\", \"regex\": \"T#\\\\d+\"}]}"));
        assertEquals(Set.of(PiiKind.PHONE), config.redact());
        assertEquals("[TICKET] [PHONE]", new PiiRedaction(config).redact("T#42 010-1234-5678").text());
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> yaml("""
                privacy:
                  redact: [email, phon, 3]
                  patterns:
                    - name: member_id
                      regex: 'M-(\\d{8}'
                    - name: member_id
                      regex: 'X\\d+'
                    - name: member-id
                      regex: 'Y\\d+'
                    - name: phone
                      regex: 'Z\\d+'
                    - regex: 'W\\d+'
                    - name: blank
                      regex: 'a*'
                  colour: red
                """));
        List<String> problems = e.problems();
        assertEquals(List.of(
                "unknown key privacy.colour (known: redact, patterns)",
                "privacy.redact[1]: unknown kind 'phon' (known: all, email, phone, card, iban, national_id, ip)",
                "privacy.redact[2] must be a kind name, not '3'",
                "privacy.patterns[0].regex of pattern 'member_id' is not a valid Java regular expression: Unclosed group near index 8",
                "privacy.patterns[1].name 'member_id' appears twice: pattern names must be unique",
                "privacy.patterns[2].name 'member-id' must be letters, digits or '_' (it becomes the placeholder [MEMBER-ID])",
                "privacy.patterns[3].name 'phone' is a built-in kind: list it under privacy.redact instead",
                "privacy.patterns[4].name is missing",
                "privacy.patterns[5].regex of pattern 'blank' matches the empty text: it would redact nothing useful"),
                problems);
    }

    @Test
    void redactMustBeAllOrKinds() {
        ConfigException e = assertThrows(ConfigException.class, () -> yaml("privacy:\n  redact: everything\n"));
        assertEquals(List.of("privacy.redact: unknown kind 'everything' (known: all, email, phone, card, iban, national_id, ip)"),
                e.problems());
        assertThrows(ConfigException.class, () -> yaml("privacy: yes\n"));
    }
}
