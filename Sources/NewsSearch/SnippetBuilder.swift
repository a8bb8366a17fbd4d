/// Picks the excerpt of a passage that best shows why it matched.
///
/// Like FTS5's own snippet(), a window scores 1000 per distinct matched word and 1 per
/// repeat; ties go to the window starting at a sentence, then to the earliest. Windows are
/// whole words, so a snippet never cuts a word in half.
public struct SnippetBuilder: Sendable {
  /// Passages up to this many words are shown whole.
  public static let defaultWindowWords = 36

  public var windowWords: Int
  static let ellipsis = "…"

  public init(windowWords: Int = SnippetBuilder.defaultWindowWords) {
    self.windowWords = windowWords
  }

  public struct Snippet: Sendable, Equatable {
    public var text: String
    /// Match ranges in `text`, in code points.
    public var matches: [Range<Int>]
  }

  public func snippet(of text: String, matches: [Range<Int>]) -> Snippet {
    let scalars = Array(text.unicodeScalars)
    let words = SnippetBuilder.wordRanges(in: scalars)
    guard words.count > windowWords else { return Snippet(text: text, matches: matches) }

    // Which word holds each match, and what the match says (to tell new words from repeats).
    let matchedWords: [(word: Int, key: String)] = matches.compactMap { match in
      guard let word = words.firstIndex(where: { $0.upperBound > match.lowerBound }) else {
        return nil
      }
      let key = String(String.UnicodeScalarView(scalars[match])).lowercased()
      return (word, key)
    }
    var best = 0
    var bestScore = -1
    for start in 0...(words.count - windowWords) {
      let end = start + windowWords
      var seen = Set<String>()
      var score = 0
      for match in matchedWords where match.word >= start && match.word < end {
        score += seen.insert(match.key).inserted ? 1000 : 1
      }
      if start == 0 || SnippetBuilder.endsSentence(scalars, before: words[start].lowerBound) {
        score += 2
      }
      // Prefer some context before the first match over starting right on it.
      if let first = matchedWords.first(where: { $0.word >= start && $0.word < end }),
        first.word - start >= 2 || start == 0
      {
        score += 1
      }
      if score > bestScore {
        bestScore = score
        best = start
      }
    }
    let from = words[best].lowerBound
    let to = words[best + windowWords - 1].upperBound
    let lead = best > 0 ? SnippetBuilder.ellipsis : ""
    let tail = best + windowWords < words.count ? SnippetBuilder.ellipsis : ""
    let body = String(String.UnicodeScalarView(scalars[from..<to]))
    let shift = lead.unicodeScalars.count - from
    let shifted = matches.compactMap { match -> Range<Int>? in
      guard match.lowerBound >= from, match.upperBound <= to else { return nil }
      return (match.lowerBound + shift)..<(match.upperBound + shift)
    }
    return Snippet(text: lead + body + tail, matches: shifted)
  }

  static func wordRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start: Int?
    for (index, scalar) in scalars.enumerated() {
      if scalar == " " {
        if let begin = start { ranges.append(begin..<index) }
        start = nil
      } else if start == nil {
        start = index
      }
    }
    if let begin = start { ranges.append(begin..<scalars.count) }
    return ranges
  }

  static func endsSentence(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
    var position = index - 1
    while position >= 0, scalars[position] == " " { position -= 1 }
    while position >= 0, "\"”’)".unicodeScalars.contains(scalars[position]) { position -= 1 }
    return position >= 0 && ".!?:".unicodeScalars.contains(scalars[position])
  }
}
