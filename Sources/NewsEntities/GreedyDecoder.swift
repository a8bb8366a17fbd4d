/// Left-to-right greedy decoding with BILOU constraints.
///
/// Each token takes the best-scoring tag that may follow the previous one. Greedy keeps tagging
/// linear in the number of tags and lets the previous two predicted tags be ordinary features.
///
/// Two scorers share the search: training reads float rows of `tagCount` weights that it keeps
/// updating; tagging reads a quantized `WeightTable`.
package enum GreedyDecoder {
  package static let tagCount = 17

  /// Per previous tag, a bit mask of the tags that may follow it.
  static let allowedAfter: [UInt32] = (0..<UInt8(tagCount)).map { previous in
    var mask: UInt32 = 0
    for next in 0..<UInt8(tagCount) where BILOUTag.isAllowed(previous: previous, next: next) {
      mask |= 1 << UInt32(next)
    }
    return mask
  }
  /// Tags that may end a sentence: Outside, Last and Unit.
  static let closing: UInt32 = (0..<UInt8(tagCount)).reduce(0) { mask, tag in
    if tag != BILOUTag.outside {
      let position = BILOUTag.position(tag)
      if position == .begin || position == .inside { return mask }
    }
    return mask | 1 << UInt32(tag)
  }

  @inline(__always)
  static func allowedMask(previous: UInt8, isLast: Bool) -> UInt32 {
    let mask = allowedAfter[Int(previous)]
    return isLast ? mask & closing : mask
  }

  // MARK: - Float rows (training)

  /// Adds the weight rows of `features` (each a row of `tagCount` floats) into `scores`.
  @inline(__always)
  package static func accumulate(
    _ weights: UnsafePointer<Float>, _ feature: UInt32, into scores: UnsafeMutablePointer<Float>
  ) {
    let row = weights + Int(feature) &* tagCount
    for tag in 0..<tagCount { scores[tag] += row[tag] }
  }

  /// Scores every tag for one token: its static features, its document features if the pass
  /// has them (`documentFeatures`, `FeatureExtractor.documentCount` of them), and its history.
  @inline(__always)
  package static func score(
    weights: UnsafePointer<Float>, staticFeatures: UnsafePointer<UInt32>, staticCount: Int,
    documentFeatures: UnsafePointer<UInt32>?, history: (UInt32, UInt32, UInt32, UInt32),
    into scores: UnsafeMutablePointer<Float>
  ) {
    for tag in 0..<tagCount { scores[tag] = 0 }
    for slot in 0..<staticCount { accumulate(weights, staticFeatures[slot], into: scores) }
    if let documentFeatures {
      for slot in 0..<FeatureExtractor.documentCount {
        accumulate(weights, documentFeatures[slot], into: scores)
      }
    }
    accumulate(weights, history.0, into: scores)
    accumulate(weights, history.1, into: scores)
    accumulate(weights, history.2, into: scores)
    accumulate(weights, history.3, into: scores)
  }

  /// The best tag allowed after `previous`; at the last token of a sentence a span must close.
  @inline(__always)
  package static func best(
    _ scores: UnsafePointer<Float>, previous: UInt8, isLast: Bool, constrained: Bool = true
  ) -> UInt8 {
    let mask = constrained ? allowedMask(previous: previous, isLast: isLast) : UInt32.max
    var bestTag: UInt8 = 0
    var bestScore = -Float.infinity
    for tag in 0..<UInt8(tagCount) where mask & 1 << UInt32(tag) != 0 {
      if scores[Int(tag)] > bestScore {
        bestScore = scores[Int(tag)]
        bestTag = tag
      }
    }
    return bestTag
  }

  /// Tags a whole document with float weights; `documentFeatures` for a second pass.
  package static func decode(
    weights: UnsafePointer<Float>, extractor: FeatureExtractor, document: TokenizedDocument,
    traits: FeatureExtractor.Traits, features: [UInt32], documentFeatures: [UInt32]? = nil
  ) -> [UInt8] {
    var tags = [UInt8](repeating: 0, count: document.tokenCount)
    let staticCount = extractor.staticCount
    // (An empty array may still have a base address, so the optional itself is the flag.)
    let hasDocumentFeatures = documentFeatures != nil
    var scores = [Float](repeating: 0, count: tagCount)
    features.withUnsafeBufferPointer { features in
      (documentFeatures ?? []).withUnsafeBufferPointer { documentFeatures in
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
                staticCount: staticCount,
                documentFeatures: hasDocumentFeatures
                  ? documentFeatures.baseAddress! + token * FeatureExtractor.documentCount : nil,
                history: history, into: scores.baseAddress!)
              let tag = best(scores.baseAddress!, previous: previous, isLast: token == range.upperBound - 1)
              tags[token] = tag
              beforePrevious = previous
              previous = tag
            }
          }
        }
      }
    }
    return tags
  }

  // MARK: - Quantized rows (tagging)

  /// The left-to-right search of one pass over a quantized table.
  ///
  /// Given every token's summed static (and document) scores, `sums`, and the scores of its
  /// word-history features for a previous Outside tag, `afterOutside`, it adds the history
  /// scores and picks tags. `tagHistoryScores` holds, per pass, previous tag and tag before it,
  /// the scores of the history features made of tags only. Tokens marked in `outside` must be
  /// Outside (so the token before one must close any entity it is in).
  ///
  /// Most tokens follow an Outside tag, so their word-history rows were read in the same
  /// independent sweep as the static ones; only after an entity tag does the search wait for a
  /// row that depends on the tag it has just chosen.
  package static func search(
    table: WeightTable, pass: Int, tagHistoryScores: [SIMD16<Int32>], extractor: FeatureExtractor,
    document: TokenizedDocument, traits: FeatureExtractor.Traits, sums: [WeightTable.Sum],
    afterOutside: [WeightTable.Sum], outside: [Bool]? = nil
  ) -> [UInt8] {
    var tags = [UInt8](repeating: 0, count: document.tokenCount)
    tagHistoryScores.withUnsafeBufferPointer { tagHistoryScores in
      sums.withUnsafeBufferPointer { sums in
        afterOutside.withUnsafeBufferPointer { afterOutside in
          tags.withUnsafeMutableBufferPointer { tags in
            let tagHistory = tagHistoryScores.baseAddress! + pass * tagCount * tagCount
            for sentence in 0..<document.sentenceCount {
              let range = document.sentenceRange(sentence)
              var previous = BILOUTag.outside
              var beforePrevious = BILOUTag.outside
              for token in range {
                var sum = sums[token].scores(pass: pass)
                sum &+= tagHistory[Int(previous) * tagCount + Int(beforePrevious)]
                if previous == BILOUTag.outside {
                  sum &+= afterOutside[token].scores(pass: pass)
                } else {
                  let wordHistory = extractor.wordHistoryFeatures(
                    previous: previous, word: traits.lower[token], shape: traits.shape[token])
                  sum &+= table.scores(wordHistory.0, pass: pass)
                  sum &+= table.scores(wordHistory.1, pass: pass)
                }
                var allowed = allowedMask(previous: previous, isLast: token == range.upperBound - 1)
                if let outside {
                  if outside[token] {
                    allowed &= 1 << UInt32(BILOUTag.outside)
                  } else if token + 1 < range.upperBound && outside[token + 1] {
                    allowed &= closing
                  }
                }
                let tag = best(sum, allowed: allowed)
                tags[token] = tag
                beforePrevious = previous
                previous = tag
              }
            }
          }
        }
      }
    }
    return tags
  }

  /// The best allowed tag given entity-tag scores relative to Outside (which scores 0); ties
  /// go to the lower tag, as in the float search.
  @inline(__always)
  static func best(_ scores: SIMD16<Int32>, allowed mask: UInt32) -> UInt8 {
    var bestTag: UInt32 = 0
    var bestScore = mask & 1 != 0 ? 0 : Int32.min
    for lane in 0..<WeightTable.lanes {
      let tag = UInt32(lane + 1)
      let score = scores[lane]
      let better = mask & 1 << tag != 0 && score > bestScore
      bestScore = better ? score : bestScore
      bestTag = better ? tag : bestTag
    }
    return UInt8(bestTag)
  }
}
