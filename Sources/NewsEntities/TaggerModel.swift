/// The trained tagger: hashed weight tables for one or two passes plus the lexicons their
/// features consult. Immutable once built, so it can be shared across threads.
package struct TaggerModel: Sendable {
  package let bits: Int
  /// Feature groups of the first pass; a second pass adds `.document`.
  package let featureSet: FeatureSet
  package let lexicons: Lexicons
  /// `(1 << bits) * BILOUTag.count` floats, row per feature bucket.
  package let weights: [Float]
  package let secondPassWeights: [Float]?

  package init(bits: Int, featureSet: FeatureSet, lexicons: Lexicons, weights: [Float], secondPassWeights: [Float]?) {
    self.bits = bits
    self.featureSet = featureSet.subtracting(.document)
    self.lexicons = lexicons
    self.weights = weights
    self.secondPassWeights = secondPassWeights
  }

  package var firstExtractor: FeatureExtractor { FeatureExtractor(bits: bits, featureSet: featureSet) }
  package var secondExtractor: FeatureExtractor {
    FeatureExtractor(bits: bits, featureSet: featureSet.union(.document))
  }

  /// BILOU tags for every token of the document.
  package func tag(_ document: TokenizedDocument, traits precomputed: FeatureExtractor.Traits? = nil) -> [UInt8] {
    guard document.tokenCount > 0 else { return [] }
    let traits = precomputed ?? FeatureExtractor.traits(of: document)
    var features: [UInt32] = []
    let first = firstExtractor
    first.extract(document, traits: traits, lexicons: lexicons, into: &features)
    let tags = weights.withUnsafeBufferPointer {
      GreedyDecoder.decode(weights: $0.baseAddress!, extractor: first, document: document, traits: traits, features: features)
    }
    guard let secondPassWeights else { return tags }
    let second = secondExtractor
    second.extract(document, traits: traits, lexicons: lexicons, firstPassTags: tags, into: &features)
    return secondPassWeights.withUnsafeBufferPointer {
      GreedyDecoder.decode(weights: $0.baseAddress!, extractor: second, document: document, traits: traits, features: features)
    }
  }
}
