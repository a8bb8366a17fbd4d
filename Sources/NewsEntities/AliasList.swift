/// A small hand-written list of entity names (Syrian-war actors and places, world capitals,
/// agencies…) that news from that conflict mentions often but CoNLL-2003 never saw. Matches
/// are applied after tagging and win over the statistical tagger's spans they overlap,
/// unless the tagger found a longer entity that contains them.
///
/// Format: one entry per line, `kind<TAB>name`, with kind one of person, organization, place,
/// other; `#` starts a comment. Names match case-sensitively, token by token.
package struct AliasList: Sendable {
  static let defaultMaxLength = 8

  /// Token-sequence key (exact words) → 1 + `EntityKind.index` of a name, or 0 for the
  /// beginning of a longer name only, plus `Lexicons.prefixFlag` if a longer name starts so.
  private let entries: HashLookup
  /// Names in the list.
  package let count: Int

  package init(text: String) {
    var entries: [UInt64: UInt32] = [:]
    let tokenizer = TextTokenizer()
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingPrefix(while: { $0 == " " })
      guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let tab = trimmed.firstIndex(of: "\t"),
        let kind = EntityKind(rawValue: String(trimmed[..<tab]))
      else { continue }
      let name = trimmed[trimmed.index(after: tab)...]
      let document = tokenizer.tokenize(String(name))
      guard document.tokenCount > 0, document.tokenCount <= Self.defaultMaxLength else { continue }
      let words = FeatureExtractor.traits(of: document).exact
      var key = FeatureHash.seed
      for (position, word) in words.enumerated() {
        key = FeatureHash.extend(key, with: word)
        if position < words.count - 1 {
          entries[key, default: 0] |= Lexicons.prefixFlag
        } else {
          // A name listed twice keeps its last kind.
          entries[key] = (entries[key] ?? 0) & Lexicons.prefixFlag | UInt32(kind.index + 1)
        }
      }
    }
    self.entries = HashLookup(entries)
    count = entries.values.reduce(0) { $0 + ($1 & 0xFF != 0 ? 1 : 0) }
  }

  /// Longest alias matches in each sentence, left to right, non-overlapping.
  package func matches(in document: TokenizedDocument, traits: FeatureExtractor.Traits) -> [[TokenSpan]] {
    var result: [[TokenSpan]] = []
    for sentence in 0..<document.sentenceCount {
      let range = document.sentenceRange(sentence)
      var spans: [TokenSpan] = []
      var start = range.lowerBound
      while start < range.upperBound {
        var key = FeatureHash.seed
        var found: TokenSpan? = nil
        for end in (start + 1)...min(start + Self.defaultMaxLength, range.upperBound) {
          key = FeatureHash.extend(key, with: traits.exact[end - 1])
          guard let value = entries.value(for: key) else { break }
          if let kind = EntityKind(index: Int(value & 0xFF) - 1) {
            found = TokenSpan(kind: kind, start: start - range.lowerBound, end: end - range.lowerBound)
          }
          if value & Lexicons.prefixFlag == 0 { break }
        }
        if let found {
          spans.append(found)
          start = range.lowerBound + found.end
        } else {
          start += 1
        }
      }
      result.append(spans)
    }
    return result
  }

  /// Merges alias matches into predicted spans of one sentence.
  package static func merge(predicted: [TokenSpan], aliases: [TokenSpan]) -> [TokenSpan] {
    guard !aliases.isEmpty else { return predicted }
    var kept: [TokenSpan] = []
    var added: [TokenSpan] = []
    for alias in aliases {
      let containedInLonger = predicted.contains {
        $0.start <= alias.start && $0.end >= alias.end && ($0.end - $0.start) > (alias.end - alias.start)
      }
      if !containedInLonger { added.append(alias) }
    }
    for span in predicted where !added.contains(where: { $0.start < span.end && span.start < $0.end }) {
      kept.append(span)
    }
    return (kept + added).sorted { $0.start < $1.start }
  }
}
