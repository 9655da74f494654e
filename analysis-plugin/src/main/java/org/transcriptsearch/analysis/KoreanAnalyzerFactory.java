package org.transcriptsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/**
 * Nori morphological analysis of Korean: particles and endings dropped (비밀번호를 = 비밀번호가),
 * compounds split into their parts only (DISCARD: 비밀번호재설정 → 비밀 번호 재 설정), so the spaced and
 * the unspaced spelling meet. MIXED and NONE, which also keep the whole compound, measured lower recall
 * (see README.md).
 */
@NamedComponent("transcripts_korean")
public final class KoreanAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new KoreanAnalyzer(null, KoreanTokenizer.DecompoundMode.DISCARD,
                KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS, false);
    }
}
