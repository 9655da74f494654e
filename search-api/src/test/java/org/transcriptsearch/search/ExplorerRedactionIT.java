package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * The explorer page in a real headless Chromium (as the indexer's ExplorerPageIT) over {@link TranscriptFixture}
 * with its redacted conversation: placeholders of the kinds a message's pii lists are chips naming what was
 * removed, in hits, highlights, conversation matches and the conversation view; the same characters typed by a
 * customer stay text; markup typed around a placeholder stays text; the personal data facet filters.
 * Screenshots land in {@code target/explorer-screenshots/}.
 */
@ExtendWith(ElasticsearchExtension.class)
class ExplorerRedactionIT {
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SHOTS = Path.of("target", "explorer-screenshots");
    private static final TranscriptFixture FIXTURE = new TranscriptFixture().withRedactions();
    private static SearchServer api;

    @BeforeAll
    static void start(TestElasticsearch es) throws IOException {
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return; // each test reports the skip
        }
        IndexNames names = es.setup("it-explorer-redacted");
        FIXTURE.index(es, names);
        api = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection()).withIndices(names)
                .withPort(0).withAccessLog(false));
        Files.createDirectories(SHOTS);
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "skipped: no chromedriver at " + CHROMEDRIVER
                + " (install it with: apt-get install -y chromium chromium-driver; CHROMEDRIVER=path chooses another)");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void placeholdersAreChipsOnlyWhereTheMessageHeldThatKind(@TempDir Path profile) throws IOException {
        WebDriver browser = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            open(browser, wait, "?q=card");
            wait.until(d -> d.findElements(By.cssSelector("#hits .hit")).size() >= 5);

            WebElement charged = hit(browser, "charged twice");
            List<WebElement> chips = charged.findElements(By.cssSelector(".snippet .redacted"));
            assertEquals(List.of("card", "email"), chips.stream().map(c -> c.getAttribute("data-kind")).toList());
            assertEquals("redacted: payment card number", chips.get(0).getAttribute("title"));
            assertEquals("redacted: e-mail address", chips.get(1).getAttribute("title"));
            assertEquals("card", chips.get(0).getText().strip().toLowerCase());
            assertFalse(charged.getText().contains("[CARD]"), "not shown as if the customer typed it: " + charged.getText());
            // q=card marks the placeholder whole: the chip sits inside the mark
            assertFalse(charged.findElements(By.cssSelector(".snippet mark .redacted[data-kind=card]")).isEmpty());

            // The customer typed "[OK] and [CARD]" in a message that held no card: text as typed.
            WebElement typed = hit(browser, "I typed");
            assertTrue(typed.findElements(By.cssSelector(".redacted")).isEmpty());
            assertTrue(typed.getText().contains("[OK] and [CARD] myself"), typed.getText());

            // Markup typed around a placeholder is text: nothing ran, no element was made of it.
            WebElement hostile = hit(browser, "is my card");
            assertTrue(hostile.getText().contains("<img src=x onerror="), hostile.getText());
            assertTrue(hostile.getText().contains("</b>&amp;"), hostile.getText());
            assertEquals(1, hostile.findElements(By.cssSelector(".redacted[data-kind=card]")).size());
            assertTrue(browser.findElements(By.cssSelector("#hits img, #hits b")).isEmpty());
            assertNull(((JavascriptExecutor) browser).executeScript("return document.body.dataset.pwned || null"));
            shoot(browser, "redacted-1-hits");

            // A placeholder searched for: only the messages that held a card, each chip marked.
            open(browser, wait, "?q=" + Http.enc("[CARD]"));
            wait.until(d -> total(d) == 2);
            assertEquals(2, browser.findElements(By.cssSelector("#hits .hit .snippet mark .redacted[data-kind=card]")).size());
        } finally {
            browser.quit();
        }
    }

    @Test
    void thePersonalDataFacetFiltersAndTheConversationShowsChips(@TempDir Path profile) throws IOException {
        WebDriver browser = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            open(browser, wait, "");
            WebElement facet = browser.findElement(By.cssSelector("[data-facet=pii] button[data-value=card]"));
            assertEquals("Personal data", browser.findElement(By.cssSelector("[data-facet=pii] h3")).getText().strip()
                    .replace("PERSONAL DATA", "Personal data"));
            assertTrue(facet.getText().contains("payment card number") && facet.getText().contains("2"), facet.getText());
            facet.click();
            wait.until(d -> total(d) == 2);
            assertTrue(browser.getCurrentUrl().contains("pii=card"), browser.getCurrentUrl());
            assertTrue(browser.findElement(By.id("active-filters")).getText().contains("personal data: payment card number"));
            shoot(browser, "redacted-2-facet");

            // The conversation: every placeholder of the message's kinds a chip, in text and quick replies.
            hit(browser, "charged twice").click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#transcript .msg")));
            List<WebElement> messages = browser.findElements(By.cssSelector("#transcript .msg"));
            assertEquals(FIXTURE.conversation("agentx-store", TranscriptFixture.REDACTED_CONVERSATION).size(), messages.size());
            assertEquals(List.of("card", "email"), kinds(messages.get(0)));
            assertEquals(List.of("email", "email"), kinds(messages.get(1)), "the bot's text and its quick reply");
            assertEquals(List.of("card"), kinds(messages.get(2)));
            assertEquals(List.of(), kinds(messages.get(3)));
            assertTrue(messages.get(3).getText().contains("[OK] and [CARD]"), messages.get(3).getText());
            assertEquals(List.of("member_id"), kinds(messages.get(5)));
            assertEquals("redacted: member_id", messages.get(5).findElement(By.className("redacted")).getAttribute("title"));
            assertEquals(List.of("phone"), kinds(messages.get(6)));
            assertTrue(messages.get(6).getText().contains("전화번호는"), messages.get(6).getText());
            assertTrue(browser.findElements(By.cssSelector("#transcript img")).isEmpty());
            shoot(browser, "redacted-3-conversation");
            browser.findElement(By.id("conversation-close")).click();

            // Conversations mode: matches show chips; the pii filter still applies, without a count.
            browser.findElement(By.id("mode-conversations")).click();
            wait.until(d -> d.findElement(By.id("summary")).getText().contains("conversation"));
            wait.until(d -> total(d) == 1);
            assertTrue(browser.findElement(By.cssSelector("[data-facet=pii] button[aria-pressed=true]")).getText()
                    .contains("payment card number"));
            open(browser, wait, "?mode=conversations&q=" + Http.enc("[CARD]"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hits .conversation-hit .match .redacted")));
            shoot(browser, "redacted-4-conversations");
        } finally {
            browser.quit();
        }
    }

    private static List<String> kinds(WebElement message) {
        return message.findElements(By.className("redacted")).stream().map(c -> c.getAttribute("data-kind")).toList();
    }

    private static void open(WebDriver browser, WebDriverWait wait, String query) {
        browser.get(api.url() + "/" + query);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        wait.until(d -> !d.findElement(By.tagName("body")).getAttribute("class").contains("loading"));
    }

    private static WebElement hit(WebDriver browser, String text) {
        return browser.findElements(By.cssSelector("#hits .hit")).stream().filter(h -> h.getText().contains(text))
                .findFirst().orElseThrow(() -> new AssertionError("no hit shows '" + text + "'"));
    }

    private static long total(WebDriver browser) {
        String digits = browser.findElement(By.id("summary")).getText().split(" ")[0].replace(",", "");
        return digits.matches("\\d+") ? Long.parseLong(digits) : -1;
    }

    private static void shoot(WebDriver browser, String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        Path binary = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(binary)) {
            options.setBinary(binary.toFile());
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1366,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
