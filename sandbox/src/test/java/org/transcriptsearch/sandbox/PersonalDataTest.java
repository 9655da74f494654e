package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalDataTest {
    private VendorSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(21).conversationsPerVendor(600).build());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aboutOneConversationInFiveHoldsPersonalDataTypedByItsCustomer() {
        GroundTruth truth = sandbox.groundTruth();
        for (Vendor vendor : Vendor.values()) {
            List<GroundTruth.PlantedValue> planted = truth.personalData(vendor);
            int conversations = truth.conversationIds(vendor).size();
            assertTrue(planted.size() > conversations * 0.13 && planted.size() < conversations * 0.27,
                    vendor + ": " + planted.size() + " of " + conversations);
            Map<String, Integer> kinds = new TreeMap<>();
            for (GroundTruth.PlantedValue p : planted) {
                kinds.merge(p.kind(), 1, Integer::sum);
                long holding = truth.messagesInConversation(vendor, p.conversationId()).stream()
                        .filter(m -> m.text().contains(p.value())).count();
                assertEquals(1, holding, vendor + " " + p + ": in one message of its conversation");
                assertTrue(truth.messagesInConversation(vendor, p.conversationId()).stream()
                        .anyMatch(m -> m.role().equals("user") && m.text().contains(p.value())), "typed by the customer");
                if (p.kind().equals("card")) {
                    assertTrue(luhn(p.value().replaceAll("[ -]", "")), p.value());
                }
            }
            assertEquals(Set.of("card", "email", "iban", "ip", "national_id", "phone"), kinds.keySet(), vendor + " " + kinds);
        }
    }

    @Test
    void theSameSeedPlantsTheSameValues() {
        try (VendorSandbox again = VendorSandbox.start(SandboxOptions.builder().seed(21).conversationsPerVendor(600).build())) {
            assertEquals(sandbox.groundTruth().personalData(Vendor.KORE), again.groundTruth().personalData(Vendor.KORE));
        }
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
