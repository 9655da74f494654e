package org.transcriptsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** Nori morphological analysis of Korean (splits particles and compounds). */
@NamedComponent("transcripts_korean")
public final class KoreanAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new org.apache.lucene.analysis.ko.KoreanAnalyzer();
    }
}
