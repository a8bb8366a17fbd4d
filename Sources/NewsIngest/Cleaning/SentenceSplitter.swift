import NewsModel

/// Finds sentence boundaries in news prose without splitting at "U.S." or "Gen.".
///
/// Works on UTF-8 bytes and decodes a scalar only where a rule needs its properties: every long
/// paragraph of an index run goes through here, and building sentences scalar by scalar was a
/// third of the reading thread's time.
public struct SentenceSplitter: Sendable {
  /// Words that end with a period without ending a sentence (compared lowercased, without the period).
  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "maj", "capt", "cpl", "adm", "brig",
    "cmdr", "rev", "st", "jr", "sr", "gov", "sen", "rep", "pres", "vs", "etc", "inc",
    "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "approx", "est", "dept", "univ", "assn", "bros", "sheikh",
  ]

  /// Abbreviations only before a number ("No. 5", "Fig. 2"): "He said no. Then he left." ends
  /// a sentence.
  static let numberAbbreviations: Set<String> = ["no", "nos", "fig", "figs"]

  public init() {}

  /// The sentences of `paragraph`, trimmed, in order; their concatenation with single spaces
  /// gives back the paragraph.
  public func sentences(in paragraph: String) -> [String] {
    paragraph.withUTF8Bytes { sentences(inUTF8: $0) }
  }

  private func sentences(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var sentences: [String] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      // Continuation bytes never equal a mark's first byte, so a byte scan finds whole marks.
      guard let markWidth = SentenceSplitter.terminalMarkWidth(bytes, at: index) else {
        index += 1
        continue
      }
      // The boundary comes after any run of terminal marks and closing quotes or brackets.
      var end = index + markWidth
      while end < bytes.count, let width = SentenceSplitter.closerOrPeriodWidth(bytes, at: end) {
        end += width
      }
      guard end < bytes.count, bytes[end] == .space else {
        index = end
        continue
      }
      var next = end
      while next < bytes.count, bytes[next] == .space { next += 1 }
      guard next < bytes.count, SentenceSplitter.canStartSentence(UTF8Scalar.decode(bytes, at: next).scalar),
        bytes[index] != .period || !endsWithAbbreviation(bytes, periodAt: index, nextWordAt: next)
      else {
        index = next
        continue
      }
      sentences.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
      start = next
      index = next
    }
    if start < bytes.count {
      let rest = UnsafeBufferPointer(rebasing: bytes[start...])
      if !rest.allSatisfy({ $0 == .space }) { sentences.append(String(decoding: rest, as: UTF8.self)) }
    }
    return sentences
  }

  /// True when the word before the period is a known abbreviation, an initial ("J."), or
  /// dotted like "U.S." / "e.g.", or one of ``numberAbbreviations`` with a digit next.
  private func endsWithAbbreviation(
    _ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, nextWordAt next: Int
  ) -> Bool {
    var start = index
    while start > 0 {
      let previous = UTF8Scalar.start(before: start, in: bytes)
      let scalar = UTF8Scalar.decode(bytes, at: previous).scalar
      if scalar == " " || SentenceSplitter.isOpener(scalar) { break }
      start = previous
    }
    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    if word.isEmpty { return false }
    if word.contains(".") { return true }
    if word.count == 1, word.first!.isUppercase { return true }
    let lowercased = word.lowercased()
    if SentenceSplitter.numberAbbreviations.contains(lowercased) {
      return (0x30...0x39).contains(bytes[next])
    }
    return SentenceSplitter.abbreviations.contains(lowercased)
  }

  /// The byte length of the sentence-ending mark at `index` (`.`, `!`, `?`, `…`), if one is there.
  private static func terminalMarkWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    switch bytes[index] {
    case .period, 0x21, 0x3F: return 1  // . ! ?
    case 0xE2:
      return UTF8Scalar.decode(bytes, at: index).scalar == "\u{2026}" ? 3 : nil
    default: return nil
    }
  }

  /// The byte length of the closer or period at `index`, if one is there.
  private static func closerOrPeriodWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    let (scalar, width) = UTF8Scalar.decode(bytes, at: index)
    return isCloser(scalar) || scalar == "." ? width : nil
  }

  static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{00BB}", "!", "?": return true
    default: return false
    }
  }

  static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\"", "'", "\u{201C}", "\u{2018}", "(", "[", "\u{00AB}": return true
    default: return false
    }
  }

  static func canStartSentence(_ scalar: Unicode.Scalar) -> Bool {
    if isOpener(scalar) || scalar == "-" || scalar == "\u{2014}" { return true }
    let properties = scalar.properties
    return properties.isUppercase || properties.numericType != nil
  }
}

extension UInt8 {
  fileprivate static let space: UInt8 = 0x20
  fileprivate static let period: UInt8 = 0x2E
}
