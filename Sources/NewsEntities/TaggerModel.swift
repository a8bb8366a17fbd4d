/// The trained tagger: quantized weights for its passes and the lexicons their features use.
///
/// One or two passes. Immutable once built, so it can be shared across threads.
package struct TaggerModel: Sendable {
  package let bits: Int
  /// Static feature groups (both passes use them; a second pass adds document features).
  package let featureSet: FeatureSet
  package let lexicons: Lexicons
  /// Both passes' weights, interleaved per feature bucket.
  package let weights: WeightTable
  /// The summed scores of the two tag-history features, which depend on nothing but the two
  /// previous tags: per pass, previous tag and the tag before it (`GreedyDecoder.search`).
  let tagHistoryScores: [SIMD16<Int32>]

  package init(bits: Int, featureSet: FeatureSet, lexicons: Lexicons, weights: WeightTable) {
    precondition(weights.bucketCount == 1 << bits, "the weight table must have 2^bits buckets")
    self.bits = bits
    self.featureSet = featureSet.subtracting(.document)
    self.lexicons = lexicons
    self.weights = weights
    let extractor = FeatureExtractor(bits: bits, featureSet: featureSet)
    var scores: [SIMD16<Int32>] = []
    for pass in 0..<weights.passCount {
      for previous in 0..<UInt8(BILOUTag.count) {
        for beforePrevious in 0..<UInt8(BILOUTag.count) {
          let features = extractor.tagHistoryFeatures(previous: previous, beforePrevious: beforePrevious)
          scores.append(weights.scores(features.0, pass: pass) &+ weights.scores(features.1, pass: pass))
        }
      }
    }
    tagHistoryScores = scores
  }

  /// Quantizes trained float weights (`BILOUTag.count` per bucket).
  package init(
    bits: Int, featureSet: FeatureSet, lexicons: Lexicons, weights: [Float], secondPassWeights: [Float]?
  ) {
    self.init(
      bits: bits, featureSet: featureSet, lexicons: lexicons,
      weights: WeightTable(passes: [weights] + (secondPassWeights.map { [$0] } ?? [])))
  }

  package var extractor: FeatureExtractor { FeatureExtractor(bits: bits, featureSet: featureSet) }

  /// BILOU tags for every token of the document.
  package func tag(_ document: TokenizedDocument, traits precomputed: FeatureExtractor.Traits? = nil)
    -> [UInt8]
  {
    let tokenCount = document.tokenCount
    guard tokenCount > 0 else { return [] }
    var traits = precomputed ?? FeatureExtractor.traits(of: document)
    let extractor = self.extractor
    var outside: [Bool]? = nil
    for token in extractor.adjustForHeadlines(&traits, document: document) {
      if outside == nil { outside = [Bool](repeating: false, count: tokenCount) }
      outside![token] = true
    }
    let twoPasses = weights.passCount == 2
    var features: [UInt32] = []
    extractor.extract(document, traits: traits, lexicons: lexicons, into: &features)
    // One sweep over the static features scores both passes: their rows share a cache line.
    var sums = [WeightTable.Sum](repeating: WeightTable.Sum(), count: tokenCount)
    features.withUnsafeMutableBufferPointer { features in
      sums.withUnsafeMutableBufferPointer { sums in
        weights.mapToRows(features)
        weights.addRows(features.baseAddress!, count: extractor.staticCount, to: sums)
      }
    }
    // The word-history rows for a previous Outside tag, read in the same independent way.
    var historyFeatures = [UInt32](repeating: 0, count: 2 * tokenCount)
    for token in 0..<tokenCount {
      let history = extractor.wordHistoryFeatures(
        previous: BILOUTag.outside, word: traits.lower[token], shape: traits.shape[token])
      historyFeatures[2 * token] = history.0
      historyFeatures[2 * token + 1] = history.1
    }
    var afterOutside = [WeightTable.Sum](repeating: WeightTable.Sum(), count: tokenCount)
    historyFeatures.withUnsafeMutableBufferPointer { historyFeatures in
      afterOutside.withUnsafeMutableBufferPointer { afterOutside in
        weights.mapToRows(historyFeatures)
        weights.addRows(historyFeatures.baseAddress!, count: 2, to: afterOutside)
      }
    }
    let tags = GreedyDecoder.search(
      table: weights, pass: 0, tagHistoryScores: tagHistoryScores, extractor: extractor, document: document,
      traits: traits, sums: sums, afterOutside: afterOutside, outside: outside)
    guard twoPasses else { return tags }
    // The second pass adds its document rows to the same sums (their first-pass lanes are
    // done with).
    var documentFeatures: [UInt32] = []
    extractor.extractDocumentFeatures(document, traits: traits, firstPassTags: tags, into: &documentFeatures)
    documentFeatures.withUnsafeMutableBufferPointer { documentFeatures in
      sums.withUnsafeMutableBufferPointer { sums in
        weights.mapToRows(documentFeatures)
        weights.addRows(documentFeatures.baseAddress!, count: FeatureExtractor.documentCount, to: sums)
      }
    }
    return GreedyDecoder.search(
      table: weights, pass: 1, tagHistoryScores: tagHistoryScores, extractor: extractor, document: document,
      traits: traits, sums: sums, afterOutside: afterOutside, outside: outside)
  }
}
