/// Word-level lookups the features consult, all keyed by `FeatureExtractor.wordKey`
/// (ASCII-lowercased, digits folded) so that no String is built while tagging.
package struct Lexicons: Sendable {
  /// Word → cluster bit path: low 24 bits are the path (first decision in the top bit used),
  /// high 8 bits its length.
  package let clusters: HashLookup
  /// Word → capitalization bucket (1…`capitalizationBuckets`).
  package let capitalization: HashLookup
  /// Token-sequence key → bit mask of `EntityKind.index` values seen for that string, plus
  /// `prefixFlag` if the sequence starts a longer entry (so that matching can stop early).
  package let gazetteer: HashLookup
  /// `clusters` and `capitalization` merged, for tagging.
  package let words: WordTable

  /// Longest gazetteer entry, in tokens, that lookups try.
  package static let defaultMaxGazetteerLength = 6
  /// Marks a token sequence that is the beginning of a longer entry of a sequence table.
  package static let prefixFlag: UInt32 = 0x100

  /// Adds a token sequence (word keys) with its value bits to a sequence table (gazetteer or
  /// alias list), and `prefixFlag` to each of its proper prefixes.
  package static func addSequence(
    _ words: some Collection<UInt64>, value: UInt32, to entries: inout [UInt64: UInt32]
  ) {
    var key = FeatureHash.seed
    for (position, word) in words.enumerated() {
      key = FeatureHash.extend(key, with: word)
      entries[key, default: 0] |= position == words.count - 1 ? value : prefixFlag
    }
  }

  package init(
    clusters: HashLookup = HashLookup([:]), capitalization: HashLookup = HashLookup([:]),
    gazetteer: HashLookup = HashLookup([:])
  ) {
    self.clusters = clusters
    self.capitalization = capitalization
    self.gazetteer = gazetteer
    words = WordTable(clusters: clusters, capitalization: capitalization)
  }
}
