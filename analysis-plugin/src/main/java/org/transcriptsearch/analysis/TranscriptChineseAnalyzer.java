package org.transcriptsearch.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * Chinese words: Traditional folded to Simplified (SmartCN's dictionary is Simplified, so it segments
 * 密碼重置 well only once it reads 密码重置), then SmartCN segmentation, lower case and ASCII folding
 * for the Latin words inside ("App", "iPhone").
 */
public final class TranscriptChineseAnalyzer extends Analyzer {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new HanToSimplifiedCharFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new HMMChineseTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, SmartChineseAnalyzer.getDefaultStopSet());
        return new TokenStreamComponents(tokenizer, stream);
    }

    /** Prefix queries (密碼*) are normalized, not analyzed: they need the same folding. */
    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new HanToSimplifiedCharFilter(reader);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
