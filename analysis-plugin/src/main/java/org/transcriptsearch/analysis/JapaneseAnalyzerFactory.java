package org.transcriptsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** Kuromoji morphological analysis of Japanese (base forms, no particles). */
@NamedComponent("transcripts_japanese")
public final class JapaneseAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new org.apache.lucene.analysis.ja.JapaneseAnalyzer();
    }
}
