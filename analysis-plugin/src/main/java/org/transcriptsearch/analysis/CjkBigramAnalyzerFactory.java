package org.transcriptsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** Language-blind CJK bigrams, Traditional folded to Simplified: {@link TranscriptCjkBigramAnalyzer}. */
@NamedComponent("transcripts_cjk_bigram")
public final class CjkBigramAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new TranscriptCjkBigramAnalyzer();
    }
}
