import NewsEntities

/// Builds the capitalization statistics and gazetteers that feed `Lexicons`.
enum LexiconBuilder {
  /// Words seen fewer times than this mid-sentence get no capitalization bucket.
  static let defaultMinimumCount = 2

  /// For each word, how often it is capitalized when it is not sentence-initial, bucketed.
  /// Proper names are capitalized almost always, common words almost never, and words like
  /// "May" or "Bush" in between — information the training set alone is too small to give.
  static func capitalization(from corpus: UnlabeledText) -> HashLookup {
    var totals: [UInt64: (all: Int32, capitalized: Int32)] = [:]
    for document in corpus.documents {
      let traits = FeatureExtractor.traits(of: document)
      for sentence in 0..<document.sentenceCount where !traits.sentenceIsUpper[sentence] {
        let range = document.sentenceRange(sentence)
        for token in range.dropFirst() {
          let flags = traits.flags[token]
          guard flags & FeatureExtractor.flagHasLower != 0 || flags & FeatureExtractor.flagAllUpper != 0
          else { continue }
          // Skip tokens after an opening quote, colon or bracket, which often start a clause.
          let before = document.bytes[Int(document.tokenStarts[token - 1])]
          if before == UInt8(ascii: "\"") || before == UInt8(ascii: ":") || before == UInt8(ascii: "(")
            || before == 0xE2
          {
            continue
          }
          let capitalized =
            flags & FeatureExtractor.flagCapitalized != 0 && flags & FeatureExtractor.flagHasLower != 0
          totals[traits.lower[token], default: (0, 0)].all += 1
          if capitalized { totals[traits.lower[token], default: (0, 0)].capitalized += 1 }
        }
      }
    }
    var entries: [UInt64: UInt32] = [:]
    for (word, counts) in totals where counts.all >= defaultMinimumCount {
      let ratio = Double(counts.capitalized) / Double(counts.all)
      let bucket: UInt32 =
        ratio < 0.02 ? 1 : ratio < 0.2 ? 2 : ratio < 0.5 ? 3 : ratio < 0.8 ? 4 : ratio < 0.98 ? 5 : 6
      entries[word] = bucket | (counts.all >= 20 ? 8 : 0)
    }
    return HashLookup(entries)
  }

  /// Entity strings of the given documents → kinds they were labeled with (and the prefix flag
  /// on the beginnings of longer entries).
  static func gazetteerEntries(_ documents: [CoNLLCorpus.Document]) -> [UInt64: UInt32] {
    var entries: [UInt64: UInt32] = [:]
    for document in documents {
      let traits = FeatureExtractor.traits(of: document.tokens)
      for (sentence, spans) in document.gold.enumerated() {
        let offset = document.tokens.sentenceBounds[sentence]
        for span in spans where span.end - span.start <= Lexicons.defaultMaxGazetteerLength {
          Lexicons.addSequence(
            traits.lower[(offset + span.start)..<(offset + span.end)], value: 1 << UInt32(span.kind.index),
            to: &entries)
        }
      }
    }
    return entries
  }
}
