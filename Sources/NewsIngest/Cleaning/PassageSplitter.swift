import NewsModel

/// Cuts paragraphs into passages: the unit that search ranks and returns.
///
/// A paragraph of ordinary length is one passage. A long one (FA-KES stores each article as a
/// single block of ~260 words) is cut at sentence boundaries into passages of about
/// ``defaultTargetWords`` words, so that a hit points at a readable few sentences.
public struct PassageSplitter: Sendable {
  /// Paragraphs longer than this many words are split.
  public static let defaultMaximumWords = 150
  /// The size a split aims for.
  public static let defaultTargetWords = 80

  public var maximumWords: Int
  public var targetWords: Int
  private let sentenceSplitter = SentenceSplitter()

  public init(
    maximumWords: Int = PassageSplitter.defaultMaximumWords,
    targetWords: Int = PassageSplitter.defaultTargetWords
  ) {
    self.maximumWords = maximumWords
    self.targetWords = targetWords
  }

  public func passages(from paragraphs: [String]) -> [String] {
    paragraphs.flatMap { paragraph -> [String] in
      let words = PassageSplitter.wordCount(paragraph)
      guard words > maximumWords else { return [paragraph] }
      return split(paragraph, words: words)
    }
  }

  /// Groups sentences into `k` runs of about equal length, `k` chosen from the target size.
  private func split(_ paragraph: String, words: Int) -> [String] {
    let sentences = sentenceSplitter.sentences(in: paragraph)
    guard sentences.count > 1 else { return [paragraph] }
    let pieces = max(2, Int((Double(words) / Double(targetWords)).rounded()))
    let share = Double(words) / Double(pieces)
    var passages: [String] = []
    var current: [String] = []
    var currentWords = 0
    for sentence in sentences {
      let count = PassageSplitter.wordCount(sentence)
      // Close the passage before this sentence when adding it would overshoot more than stopping short.
      if !current.isEmpty, passages.count < pieces - 1,
        Double(currentWords + count) - share > share - Double(currentWords)
      {
        passages.append(current.joined(separator: " "))
        current = []
        currentWords = 0
      }
      current.append(sentence)
      currentWords += count
    }
    if !current.isEmpty { passages.append(current.joined(separator: " ")) }
    return passages
  }

  static func wordCount(_ text: String) -> Int {
    // Branch-free: a word starts at each non-space byte after a space (or at the start).
    text.withUTF8Bytes { bytes in
      var count = 0
      var previousIsSpace: UInt8 = 1
      for byte in bytes {
        let isSpace: UInt8 = byte == 0x20 ? 1 : 0
        count &+= Int(previousIsSpace & (isSpace ^ 1))
        previousIsSpace = isSpace
      }
      return count
    }
  }
}
