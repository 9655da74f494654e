package org.transcriptsearch.indexer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
import org.transcriptsearch.indexer.IndexerMain;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.search.SearchServer;
import org.transcriptsearch.search.SearchServerOptions;
import org.transcriptsearch.secrets.Redactor;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * The explorer page in a real headless Chromium, over the demo's real pieces: the sandbox's multilingual
 * conversations harvested by the harvest command into Elasticsearch, served by the search API.
 * Screenshots land in {@code target/explorer-screenshots/} for a reviewer to look at.
 */
@ExtendWith(ElasticsearchExtension.class)
class ExplorerPageIT {
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SHOTS = Path.of("target", "explorer-screenshots");
    private static final String KEY = "explorer-it-key-7f3a";

    private static DemoSandbox sandbox;
    private static SearchServer api;
    private static SearchServer keyedApi;

    @BeforeAll
    static void harvestTheSandbox(TestElasticsearch es, @TempDir Path dir) throws IOException {
        if (!chromedriverInstalled()) {
            return; // each test reports the skip (an aborted @BeforeAll would hide the tests from the report)
        }
        es.setup(DemoConfig.PREFIX);
        sandbox = DemoSandbox.start(SandboxOptions.builder()
                .seed(7).conversationsPerVendor(150).anchor(Instant.now().minusSeconds(3600)).build());
        Path config = DemoConfig.write(dir, sandbox);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ES_URL", es.url());
        env.putAll(sandbox.secrets());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = IndexerMain.run(List.of("--config", config.toString(), "harvest"),
                new Console(print, print, Redactor.none(), false), env);
        assertEquals(0, exit, () -> "harvest failed:\n" + out.toString(StandardCharsets.UTF_8));
        es.refresh();
        assertTrue(es.count(new IndexNames(DemoConfig.PREFIX).messages()) > 100, "the harvest indexed the sandbox's messages");

        SearchServerOptions options = SearchServerOptions.defaults().withConnection(es.connection()).withPort(0)
                .withAccessLog(false);
        api = SearchServer.start(options);
        keyedApi = SearchServer.start(options.withApiKeys(List.of(KEY)));
        Files.createDirectories(SHOTS);
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(chromedriverInstalled(), "skipped: no chromedriver at " + CHROMEDRIVER
                + " (install it with: apt-get install -y chromium chromium-driver; CHROMEDRIVER=path chooses another)");
    }

    private static boolean chromedriverInstalled() {
        return Files.isExecutable(CHROMEDRIVER);
    }

    @AfterAll
    static void stop() {
        if (keyedApi != null) {
            keyedApi.close();
        }
        if (api != null) {
            api.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void koreanSearchFacetAndConversation(@TempDir Path profile) throws IOException {
        WebDriver browser = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(api.url() + "/");
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));

            WebElement box = browser.findElement(By.id("q"));
            box.clear();
            box.sendKeys("비밀번호", Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hits .hit mark")));
            wait.until(d -> d.findElement(By.id("summary")).getText().contains("비밀번호"));
            List<WebElement> marks = browser.findElements(By.cssSelector("#hits .hit mark"));
            assertFalse(marks.isEmpty(), "hits carry highlighted words");
            // The page says what else the query searched (the synonyms of 비밀번호), and only that is marked.
            String expansion = browser.findElement(By.id("expansion")).getText();
            assertTrue(expansion.contains("비밀번호 also as") && expansion.contains("비번"), expansion);
            List<String> searched = new java.util.ArrayList<>(List.of("비밀", "번호"));
            searched.addAll(List.of(expansion.substring(expansion.indexOf("also as") + 8).split("[,·…]")).stream()
                    .map(String::strip).filter(w -> !w.isEmpty()).toList());
            assertTrue(marks.stream().allMatch(m -> searched.stream().anyMatch(w -> m.getText().contains(w)
                            || w.contains(m.getText()))),
                    "the highlighted words are the Korean query or its synonyms: "
                            + marks.stream().map(WebElement::getText).toList() + " vs " + searched);
            long allHits = total(browser);
            shoot(browser, "1-korean-search");

            // A facet narrows the search: its count becomes the new total and every hit has that value.
            WebElement facet = browser.findElement(By.cssSelector("[data-facet=vendor] button[aria-pressed=false]"));
            String vendor = facet.getAttribute("data-value");
            long facetCount = Long.parseLong(facet.findElement(By.className("count")).getText().replace(",", ""));
            assertTrue(facetCount < allHits, "the Korean hits span several vendors");
            facet.click();
            wait.until(d -> total(d) == facetCount);
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-facet=vendor] button[aria-pressed=true][data-value='" + vendor + "']")));
            for (WebElement line : browser.findElements(By.cssSelector("#hits .hit .line"))) {
                assertTrue(line.getText().contains(vendor + " · "), "every hit is from " + vendor + ": " + line.getText());
            }
            assertEquals(1, browser.findElements(By.cssSelector("#active-filters .chip")).size());
            shoot(browser, "2-vendor-facet");

            // Keyboard: the first hit opens its conversation with Enter, scrolled to the highlighted message.
            WebElement firstHit = browser.findElement(By.cssSelector("#hits .hit"));
            String snippet = firstHit.findElement(By.className("snippet")).getText();
            firstHit.sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#transcript .msg.hit-message")));
            WebElement hitMessage = browser.findElement(By.cssSelector("#transcript .msg.hit-message"));
            assertTrue(hitMessage.getText().contains("비밀번호"), "the hit message is marked: " + hitMessage.getText());
            assertTrue(snippet.contains(hitMessage.findElement(By.className("bubble")).getText().strip())
                            || hitMessage.getText().contains(snippet.replace("…", "").strip()),
                    "the marked message is the hit: " + snippet + " vs " + hitMessage.getText());
            assertTrue(inView(browser, hitMessage), "the conversation is scrolled to the hit");
            assertTrue(browser.findElements(By.cssSelector("#transcript .msg.user")).size() > 0);
            assertTrue(browser.findElements(By.cssSelector("#transcript .msg.bot")).size() > 0);
            shoot(browser, "3-conversation");

            browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("conversation")));
            assertEquals("hit", browser.switchTo().activeElement().getAttribute("class"),
                    "Escape closes the conversation and gives focus back to the hit");
        } finally {
            browser.quit();
        }
    }

    /**
     * Conversations mode: two words that the demo's customers and bots say in different messages (a refund
     * asked for, a hand-over to an agent) find the conversation, with each word marked in its own message.
     */
    @Test
    void conversationsModeFindsWordsSpreadOverMessages(@TempDir Path profile) throws IOException {
        WebDriver browser = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(api.url() + "/");
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            WebElement box = browser.findElement(By.id("q"));
            box.clear();
            box.sendKeys("환불 상담원", Keys.ENTER);
            wait.until(d -> d.findElement(By.id("summary")).getText().contains("환불 상담원"));

            browser.findElement(By.id("mode-conversations")).click();
            wait.until(d -> d.findElement(By.id("summary")).getText().contains("conversation"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hits .conversation-hit")));
            assertTrue(browser.getCurrentUrl().contains("mode=conversations"), browser.getCurrentUrl());
            long conversations = total(browser);
            assertTrue(conversations > 0, "a demo conversation holds both words");
            assertFalse(browser.findElement(By.id("histogram")).isDisplayed(), "conversations have no message histogram");
            assertEquals(conversations > 20, browser.findElement(By.id("more")).isDisplayed(),
                    "More only while conversations are left to show");
            WebElement spread = null;
            for (WebElement hit : browser.findElements(By.cssSelector("#hits .conversation-hit"))) {
                List<String> rows = hit.findElements(By.cssSelector(".match")).stream().map(WebElement::getText).toList();
                boolean refund = hit.findElements(By.cssSelector(".match mark")).stream().anyMatch(m -> m.getText().contains("환불"));
                boolean agent = hit.findElements(By.cssSelector(".match mark")).stream().anyMatch(m -> m.getText().contains("상담원"));
                if (refund && agent && rows.stream().noneMatch(r -> r.contains("환불") && r.contains("상담원"))) {
                    spread = hit;
                    break;
                }
            }
            assertTrue(spread != null, "a conversation shows 환불 and 상담원 marked in different messages");
            String line = spread.findElement(By.className("line")).getText();
            assertTrue(line.contains(spread.getAttribute("data-conversation")) && line.matches("(?s).*\\d+ messages.*")
                    && line.contains("UTC"), "source, conversation id, start and message count: " + line);
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", spread);
            shoot(browser, "6-conversations-mode");

            spread.click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#transcript .msg.hit-message")));
            wait.until(d -> d.findElements(By.cssSelector("#transcript .msg.hit-message")).size() >= 2);
            List<String> marked = browser.findElements(By.cssSelector("#transcript .msg.hit-message")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(marked.stream().anyMatch(t -> t.contains("환불")) && marked.stream().anyMatch(t -> t.contains("상담원")),
                    "the conversation view marks the matching messages: " + marked);
            assertEquals(spread.getAttribute("data-conversation"), browser.findElement(By.id("conversation-title")).getText());
            shoot(browser, "7-conversation-of-a-conversation-hit");
        } finally {
            browser.quit();
        }
    }

    @Test
    void asksForTheApiKeyOnceAndKeepsIt(@TempDir Path profile) throws IOException {
        WebDriver browser = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(keyedApi.url() + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-dialog")));
            shoot(browser, "4-api-key");
            browser.findElement(By.id("key")).sendKeys("wrong-key", Keys.ENTER);
            wait.until(d -> d.findElement(By.id("key-reason")).getText().contains("refused"));
            browser.findElement(By.id("key")).sendKeys(KEY, Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hits .hit")));

            WebElement box = browser.findElement(By.id("q"));
            box.clear();
            box.sendKeys("パスワード", Keys.ENTER);
            wait.until(d -> d.findElement(By.id("summary")).getText().contains("パスワード"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hits .hit mark")));
            assertFalse(browser.findElement(By.id("key-dialog")).isDisplayed(), "the key is asked for only once");
            shoot(browser, "5-japanese-with-key");
        } finally {
            browser.quit();
        }
    }

    private static long total(WebDriver browser) {
        String summary = browser.findElement(By.id("summary")).getText();
        String digits = summary.split(" ")[0].replace(",", "");
        return digits.matches("\\d+") ? Long.parseLong(digits) : -1;
    }

    private static boolean inView(WebDriver browser, WebElement element) {
        Object visible = ((JavascriptExecutor) browser).executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + "const box = document.getElementById('transcript').getBoundingClientRect();"
                        + "return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;", element);
        return Boolean.TRUE.equals(visible);
    }

    private static void shoot(WebDriver browser, String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
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
