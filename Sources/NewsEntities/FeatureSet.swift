/// Optional feature groups beyond the token-only base set. Stored in the model file, so a
/// model always extracts exactly the features it was trained with.
package struct FeatureSet: OptionSet, Sendable, Hashable {
  package let rawValue: UInt32
  package init(rawValue: UInt32) { self.rawValue = rawValue }

  /// How often the word is capitalized mid-sentence in unlabeled news text.
  package static let capitalization = FeatureSet(rawValue: 1 << 0)
  /// Distributional word-cluster bit-string prefixes.
  package static let clusters = FeatureSet(rawValue: 1 << 1)
  /// Matches against a gazetteer of known entity strings.
  package static let gazetteer = FeatureSet(rawValue: 1 << 2)
  /// Second pass: what the first pass predicted for the same word elsewhere in the document.
  package static let document = FeatureSet(rawValue: 1 << 3)
  /// Whether the word, or the word before it, is a title or rank ("Colonel", "Minister").
  package static let titles = FeatureSet(rawValue: 1 << 4)
  /// Title-case headlines, at tagging time only: a capitalized function word between two
  /// capitalized words ("Officer Is Punished") is read as lowercase and kept out of entities.
  package static let headlines = FeatureSet(rawValue: 1 << 5)
}
