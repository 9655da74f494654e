package org.transcriptsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** SmartCN word segmentation of Chinese, Traditional folded to Simplified: {@link TranscriptChineseAnalyzer}. */
@NamedComponent("transcripts_chinese")
public final class ChineseAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new TranscriptChineseAnalyzer();
    }
}
