package org.transcriptsearch.analysis;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Folds Traditional Chinese characters to Simplified before tokenization, so that 密碼 and 密码,
 * 訂單 and 订单 are the same word to the segmenter and to the bigrams. Customers of one bot write
 * both; the query is folded the same way. Messages are short, so the whole input is read at once.
 */
final class HanToSimplifiedCharFilter extends BaseCharFilter {
    // A Transliterator may keep state while it runs: one per thread, built once from ICU's cached rules.
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private Reader folded;

    HanToSimplifiedCharFilter(Reader in) {
        super(in);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (folded == null) {
            folded = new StringReader(fold(readAll()));
        }
        return folded.read(cbuf, off, len);
    }

    private String readAll() throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buf = new char[1024];
        for (int n; (n = input.read(buf)) != -1; ) {
            text.append(buf, 0, n);
        }
        return text.toString();
    }

    private String fold(String text) {
        if (text.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
            return text;
        }
        String out = TO_SIMPLIFIED.get().transliterate(text);
        // Traditional-to-Simplified is one character for one in practice; should a rule ever change the
        // length, offsets past the end are corrected so highlighting stays inside the original text.
        if (out.length() != text.length()) {
            addOffCorrectMap(out.length(), text.length() - out.length());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        folded = null;
        super.close();
    }
}
