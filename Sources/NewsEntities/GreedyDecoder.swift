/// Left-to-right greedy decoding with BILOU constraints: each token takes the best-scoring tag
/// that may follow the previous one. Greedy keeps tagging linear in the number of tags and lets
/// the previous two predicted tags be ordinary features.
package enum GreedyDecoder {
  package static let tagCount = 17

  /// Adds the weight rows of `features` (each a row of `tagCount` floats) into `scores`.
  @inline(__always)
  package static func accumulate(
    _ weights: UnsafePointer<Float>, _ feature: UInt32, into scores: UnsafeMutablePointer<Float>
  ) {
    let row = weights + Int(feature) &* tagCount
    for tag in 0..<tagCount { scores[tag] += row[tag] }
  }

  /// Scores every tag for one token.
  @inline(__always)
  package static func score(
    weights: UnsafePointer<Float>, staticFeatures: UnsafePointer<UInt32>, staticCount: Int,
    history: (UInt32, UInt32, UInt32, UInt32), into scores: UnsafeMutablePointer<Float>
  ) {
    for tag in 0..<tagCount { scores[tag] = 0 }
    for slot in 0..<staticCount { accumulate(weights, staticFeatures[slot], into: scores) }
    accumulate(weights, history.0, into: scores)
    accumulate(weights, history.1, into: scores)
    accumulate(weights, history.2, into: scores)
    accumulate(weights, history.3, into: scores)
  }

  /// The best tag allowed after `previous`; at the last token of a sentence a span must close.
  @inline(__always)
  package static func best(_ scores: UnsafePointer<Float>, previous: UInt8, isLast: Bool, constrained: Bool = true) -> UInt8 {
    var bestTag: UInt8 = 0
    var bestScore = -Float.infinity
    for tag in 0..<UInt8(tagCount) {
      guard !constrained || BILOUTag.isAllowed(previous: previous, next: tag) else { continue }
      if constrained && isLast && tag != BILOUTag.outside {
        let position = BILOUTag.position(tag)
        if position == .begin || position == .inside { continue }
      }
      if scores[Int(tag)] > bestScore {
        bestScore = scores[Int(tag)]
        bestTag = tag
      }
    }
    return bestTag
  }

  /// Tags a whole document whose static features were already extracted.
  package static func decode(
    weights: UnsafePointer<Float>, extractor: FeatureExtractor, document: TokenizedDocument,
    traits: FeatureExtractor.Traits, features: [UInt32]
  ) -> [UInt8] {
    var tags = [UInt8](repeating: 0, count: document.tokenCount)
    let staticCount = extractor.staticCount
    var scores = [Float](repeating: 0, count: tagCount)
    features.withUnsafeBufferPointer { features in
      scores.withUnsafeMutableBufferPointer { scores in
        for sentence in 0..<document.sentenceCount {
          let range = document.sentenceRange(sentence)
          var previous = BILOUTag.outside
          var beforePrevious = BILOUTag.outside
          for token in range {
            let history = extractor.historyFeatures(
              previous: previous, beforePrevious: beforePrevious, word: traits.lower[token],
              shape: traits.shape[token])
            score(
              weights: weights, staticFeatures: features.baseAddress! + token * staticCount,
              staticCount: staticCount, history: history, into: scores.baseAddress!)
            let tag = best(scores.baseAddress!, previous: previous, isLast: token == range.upperBound - 1)
            tags[token] = tag
            beforePrevious = previous
            previous = tag
          }
        }
      }
    }
    return tags
  }
}
