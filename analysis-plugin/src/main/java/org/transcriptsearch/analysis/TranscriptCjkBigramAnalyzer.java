package org.transcriptsearch.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Language-blind CJK bigrams (Lucene's CJKAnalyzer chain) with Traditional Chinese folded to
 * Simplified: finds any run of two or more Han, kana or Hangul characters whatever the segmenters make
 * of it, which rescues words no dictionary knows (product names, new slang).
 */
public final class TranscriptCjkBigramAnalyzer extends Analyzer {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new HanToSimplifiedCharFilter(new CJKWidthCharFilter(reader));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /** Prefix queries (密碼*) are normalized, not analyzed: they need the same folding. */
    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new HanToSimplifiedCharFilter(new CJKWidthCharFilter(reader));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
