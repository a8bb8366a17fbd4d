/// Finds sentence boundaries in news prose without splitting at "U.S." or "Gen.".
public struct SentenceSplitter: Sendable {
  /// Words that end with a period without ending a sentence (compared lowercased, without the period).
  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "maj", "capt", "cpl", "adm", "brig",
    "cmdr", "rev", "st", "jr", "sr", "gov", "sen", "rep", "pres", "no", "nos", "vs", "etc", "inc",
    "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "fig", "approx", "est", "dept", "univ", "assn", "bros", "sheikh",
  ]

  public init() {}

  /// The sentences of `paragraph`, trimmed, in order; their concatenation with single spaces
  /// gives back the paragraph.
  public func sentences(in paragraph: String) -> [String] {
    let scalars = Array(paragraph.unicodeScalars)
    var sentences: [String] = []
    var start = 0
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      guard scalar == "." || scalar == "!" || scalar == "?" || scalar == "\u{2026}" else {
        index += 1
        continue
      }
      // The boundary comes after any run of terminal marks and closing quotes or brackets.
      var end = index + 1
      while end < scalars.count, SentenceSplitter.isCloser(scalars[end]) || scalars[end] == "." {
        end += 1
      }
      guard end < scalars.count, scalars[end] == " " else {
        index = end
        continue
      }
      var next = end
      while next < scalars.count, scalars[next] == " " { next += 1 }
      guard next < scalars.count, SentenceSplitter.canStartSentence(scalars[next]),
        scalar != "." || !endsWithAbbreviation(scalars, periodAt: index)
      else {
        index = next
        continue
      }
      sentences.append(String(String.UnicodeScalarView(scalars[start..<end])))
      start = next
      index = next
    }
    if start < scalars.count {
      let rest = String(String.UnicodeScalarView(scalars[start...]))
      if !rest.allSatisfy({ $0 == " " }) { sentences.append(rest) }
    }
    return sentences
  }

  /// True when the word before the period is a known abbreviation, an initial ("J."), or
  /// dotted like "U.S." / "e.g.".
  private func endsWithAbbreviation(_ scalars: [Unicode.Scalar], periodAt index: Int) -> Bool {
    var start = index
    while start > 0, scalars[start - 1] != " ", !SentenceSplitter.isOpener(scalars[start - 1]) {
      start -= 1
    }
    let word = String(String.UnicodeScalarView(scalars[start..<index]))
    if word.isEmpty { return false }
    if word.contains(".") { return true }
    if word.count == 1, word.first!.isUppercase { return true }
    return SentenceSplitter.abbreviations.contains(word.lowercased())
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
