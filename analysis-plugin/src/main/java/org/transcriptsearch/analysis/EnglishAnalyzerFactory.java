package org.transcriptsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** English: possessives, lower case, ASCII folding, stop words, Porter stemming: {@link TranscriptEnglishAnalyzer}. */
@NamedComponent("transcripts_english")
public final class EnglishAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new TranscriptEnglishAnalyzer();
    }
}
