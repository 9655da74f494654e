package org.transcriptsearch.sandbox;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.logging.Logging;
import org.transcriptsearch.secrets.RedactingPrintStream;
import org.transcriptsearch.secrets.Redactor;

/**
 * Runs the sandbox on its own until Ctrl-C:
 * {@code java -cp ... org.transcriptsearch.sandbox.SandboxMain [--port N] [--seed N] [--conversations N]
 * [--span-days N] [--vendors cxone,kore,agentx] [--no-rate-limits]}. Prints where each vendor API is and the
 * sandbox's (fake) credentials. Logs on stderr as the product's (TRANSCRIPTS_LOG_LEVEL, TRANSCRIPTS_LOG_FORMAT).
 */
public final class SandboxMain {
    private static final String USAGE = "usage: SandboxMain [--port N] [--seed N] [--conversations N] [--span-days N]"
            + " [--vendors cxone,kore,agentx] [--no-rate-limits] [--prerender]";

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Its logs pass the redaction; stdout does not: it shows the sandbox's made-up credentials on purpose.
        System.setErr(RedactingPrintStream.over(System.err, Redactor.ofEnvironment(System.getenv())));
        SandboxOptions options;
        try {
            Logging.start("sandbox", null, null);
            options = parse(args);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        VendorSandbox sandbox = VendorSandbox.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println(describe(sandbox));
        stopped.await();
    }

    static SandboxOptions parse(String[] args) {
        SandboxOptions.Builder builder = SandboxOptions.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--no-rate-limits" -> builder.rateLimits(false);
                case "--prerender" -> builder.prerender(true);
                case "--port" -> builder.port(number(arg, value(args, ++i, arg)));
                case "--seed" -> builder.seed(Long.parseLong(value(args, ++i, arg)));
                case "--conversations" -> builder.conversationsPerVendor(number(arg, value(args, ++i, arg)));
                case "--span-days" -> builder.spanDays(number(arg, value(args, ++i, arg)));
                case "--vendors" -> {
                    Set<Vendor> vendors = EnumSet.noneOf(Vendor.class);
                    for (String key : value(args, ++i, arg).split(",")) {
                        vendors.add(Vendor.of(key));
                    }
                    builder.vendors(vendors);
                }
                case "--help", "-h" -> throw new IllegalArgumentException("options:");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return builder.build();
    }

    static String describe(VendorSandbox sandbox) {
        SandboxCredentials c = sandbox.credentials();
        String base = sandbox.baseUrl();
        GroundTruth truth = sandbox.groundTruth();
        StringBuilder out = new StringBuilder();
        out.append("Vendor sandbox on ").append(base).append(" (seed ").append(sandbox.options().seed())
                .append(", rate limits ").append(sandbox.options().rateLimits() ? "on" : "off").append(")\n");
        if (sandbox.options().serves(Vendor.CXONE)) {
            out.append("\nCXone   GET ").append(base).append("/api/public/conversations?token=").append(c.cxoneToken())
                    .append("&perPage=200\n        ").append(counts(truth, Vendor.CXONE)).append('\n');
        }
        if (sandbox.options().serves(Vendor.KORE)) {
            out.append("\nKore    POST ").append(base).append("/api/public/bot/").append(c.koreBotId()).append("/getMessages")
                    .append("\n        botId=").append(c.koreBotId()).append(" clientId=").append(c.koreClientId())
                    .append(" clientSecret=").append(c.koreClientSecret())
                    .append("\n        auth: ").append(c.koreJwt())
                    .append("\n        ").append(counts(truth, Vendor.KORE)).append('\n');
        }
        if (sandbox.options().serves(Vendor.AGENTX)) {
            out.append("\nAgentX  GET ").append(base).append("/conversations/export/v1/conversations?bot_name=")
                    .append(c.agentxBotName()).append("&start_time=..&end_time=..")
                    .append("\n        x-api-key: ").append(c.agentxApiKey())
                    .append("\n        ").append(counts(truth, Vendor.AGENTX)).append('\n');
        }
        return out.append("\nCtrl-C to stop.").toString();
    }

    private static String counts(GroundTruth truth, Vendor vendor) {
        return truth.conversationCount(vendor) + " conversations, " + truth.messageCount(vendor) + " messages";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
    }
}
