/// Word-level lookups the features consult, all keyed by `FeatureExtractor.wordKey`
/// (ASCII-lowercased, digits folded) so that no String is built while tagging.
package struct Lexicons: Sendable {
  /// Word → cluster bit path: low 24 bits are the path (first decision in the top bit used),
  /// high 8 bits its length.
  package var clusters: HashLookup
  /// Word → capitalization bucket (1…`capitalizationBuckets`).
  package var capitalization: HashLookup
  /// Token-sequence key → bit mask of `EntityKind.index` values seen for that string.
  package var gazetteer: HashLookup

  /// Longest gazetteer entry, in tokens, that lookups try.
  package static let defaultMaxGazetteerLength = 6

  package init(clusters: HashLookup = HashLookup([:]), capitalization: HashLookup = HashLookup([:]),
               gazetteer: HashLookup = HashLookup([:])) {
    self.clusters = clusters
    self.capitalization = capitalization
    self.gazetteer = gazetteer
  }

  /// Key of a token sequence, built from per-token word keys.
  @inline(__always)
  package static func sequenceKey(_ wordKeys: some Sequence<UInt64>) -> UInt64 {
    var key = FeatureHash.seed
    for word in wordKeys { key = FeatureHash.extend(key, with: word) }
    return key
  }
}
