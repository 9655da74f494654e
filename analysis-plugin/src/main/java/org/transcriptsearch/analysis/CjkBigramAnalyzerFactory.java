package org.transcriptsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** Language-blind CJK bigrams: finds any CJK substring of two or more characters. */
@NamedComponent("transcripts_cjk_bigram")
public final class CjkBigramAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new org.apache.lucene.analysis.cjk.CJKAnalyzer();
    }
}
