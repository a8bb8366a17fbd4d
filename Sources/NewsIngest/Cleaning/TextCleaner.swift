import Foundation
import NewsModel

/// Cleans text extracted from PDFs and web pages into paragraphs a reader can use.
///
/// Each rule is a named static function so that it can be tested alone. `paragraphs(in:)`
/// applies them in order:
/// 1. ``normalizeCharacters(_:)``: line endings, tabs, odd spaces, control characters;
/// 2. ``groupParagraphs(_:)``: a blank line, or an indented line after a sentence end, starts a paragraph;
/// 3. ``joinWrappedLines(_:vocabulary:)``: hard-wrapped lines become one line, and a line-end
///    hyphen is dropped for a broken word but kept for a real compound (``keepsLineEndHyphen``);
/// 4. ``collapseSpaces(_:)``: justified double spaces become single spaces.
///
/// The original characters (curly quotes, apostrophes, accents) are kept for display.
public struct TextCleaner: Sendable {
  /// Arabic articles and name particles that are written with a hyphen ("al-Sham", "Abu-Bakr").
  static let hyphenatedParticles: Set<String> = [
    "al", "el", "ad", "ag", "ar", "as", "ash", "at", "az", "an", "ud", "ul", "bin", "ibn", "abu", "um",
    "umm", "bani", "beni", "dar", "ras", "tel", "tal", "jabal", "jebel", "deir", "ez", "es", "ed",
  ]

  /// English prefixes that news style keeps hyphenated ("pro-government", "self-styled").
  static let hyphenatedPrefixes: Set<String> = [
    "anti", "pro", "non", "self", "ex", "post", "cross", "well", "multi", "semi", "pan", "mid",
    "so", "long", "short", "half", "all", "vice", "quasi", "ultra", "counter", "full", "high",
    "low", "far", "near", "one", "two", "three", "four", "five", "large", "small", "hard",
  ]

  public init() {}

  /// The cleaned paragraphs of `text`, in order, none empty.
  public func paragraphs(in text: String) -> [String] {
    let lines = TextCleaner.lines(of: TextCleaner.normalizeCharacters(text))
    // The document's vocabulary only matters when a line ends with a hyphen; most texts have none.
    let vocabulary = TextCleaner.hasLineEndHyphen(text) ? TextCleaner.vocabulary(of: text) : []
    return TextCleaner.groupParagraphs(lines).compactMap { paragraphLines in
      let joined = TextCleaner.collapseSpaces(
        TextCleaner.joinWrappedLines(paragraphLines, vocabulary: vocabulary))
      return TextCleaner.holdsWords(joined) ? joined : nil
    }
  }

  /// False for a paragraph of punctuation and symbols only ("-----", "* * *"): a rule between
  /// sections, which would only match searches by the title it is indexed under.
  static func holdsWords(_ paragraph: String) -> Bool {
    paragraph.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  }

  // MARK: - Rule 1: characters

  /// Unifies line endings to `\n`, turns tabs and Unicode spaces into plain spaces, drops control
  /// and zero-width characters, and repairs C1 controls left by a Latin-1 misreading (U+0092 → ’).
  public static func normalizeCharacters(_ text: String) -> String {
    // Fast path: printable ASCII and line feeds need no change (most newswire text).
    if isPlainASCII(text) { return text }
    // Built as UTF-8 bytes, copying each kept scalar's bytes as they are: appending scalars to a
    // String one by one cost as much as the rest of cleaning.
    let output = text.withUTF8Bytes { bytes -> [UInt8] in
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count)
      var previousWasCR = false
      var index = 0
      while index < bytes.count {
        let (scalar, width) = UTF8Scalar.decode(bytes, at: index)
        defer {
          previousWasCR = scalar == "\r"
          index += width
        }
        switch scalar.value {
        case 0x0D: output.append(0x0A)
        case 0x0A: if !previousWasCR { output.append(0x0A) }
        case 0x09, 0x0B, 0x0C: output.append(0x20)
        case 0x00...0x1F, 0x7F: continue
        case 0x80...0x9F:
          if let repaired = TextDecoder.repairedC1Control(scalar) {
            UTF8.encode(repaired) { output.append($0) }
          }
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: continue
        case 0x2028, 0x2029: output.append(0x0A)
        case 0x20..<0x7F: output.append(bytes[index])
        default:
          if scalar.properties.generalCategory == .spaceSeparator {
            output.append(0x20)
          } else {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + width)]))
          }
        }
      }
      return output
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// True when `text` holds only printable ASCII and line feeds.
  static func isPlainASCII(_ text: String) -> Bool {
    text.withUTF8Bytes { bytes in
      // Branch-free over the whole text: most texts pass, so an early exit would rarely help.
      var outside: UInt8 = 0
      for byte in bytes {
        outside |= (byte &- 0x20 >= 0x5F ? 1 : 0) & (byte == 0x0A ? 0 : 1)
      }
      return outside == 0
    }
  }

  // MARK: - Rule 2: paragraphs

  /// Splits lines into paragraphs at blank lines, and at an indented line that follows a line
  /// ending a sentence (PDF text often marks a new paragraph only by its indent).
  public static func groupParagraphs<Line: StringProtocol>(_ lines: [Line]) -> [[Substring]] {
    var paragraphs: [[Substring]] = []
    var current: [Substring] = []
    for line in lines {
      let trimmed = Substring(line).trimmingSpaces()
      if trimmed.isEmpty {
        if !current.isEmpty { paragraphs.append(current) }
        current = []
        continue
      }
      let indented = line.first == " "
      if indented, let previous = current.last, endsSentence(previous) {
        paragraphs.append(current)
        current = []
      }
      current.append(trimmed)
    }
    if !current.isEmpty { paragraphs.append(current) }
    return paragraphs
  }

  /// True when a line ends with `.`, `!`, `?` or `…`, possibly followed by closing quotes or brackets.
  static func endsSentence(_ line: Substring) -> Bool {
    for scalar in line.unicodeScalars.reversed() {
      switch scalar {
      case " ", "\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{00BB}": continue
      case ".", "!", "?", "\u{2026}": return true
      default: return false
      }
    }
    return false
  }

  // MARK: - Rule 3: hard wraps and line-end hyphens

  /// Joins the lines of one paragraph with spaces, resolving a hyphen at a line end.
  ///
  /// `vocabulary` holds the lowercased words of the whole document, with and without hyphens;
  /// the document's own spelling decides when it can.
  public static func joinWrappedLines(_ lines: [Substring], vocabulary: Set<String> = []) -> String {
    var result = ""
    for line in lines {
      if result.isEmpty {
        result = String(line)
        continue
      }
      if result.hasSuffix("-"), let next = line.first, next.isLetter || next.isNumber {
        let left = lastWord(of: result.dropLast())
        let right = firstWord(of: line)
        if keepsLineEndHyphen(left: left, right: right, vocabulary: vocabulary) {
          result += line
        } else {
          result.removeLast()
          result += line
        }
      } else {
        result += " "
        result += line
      }
    }
    return result
  }

  /// Decides whether `left-` at a line end followed by `right` is a real hyphenated compound.
  ///
  /// The document's own spelling wins; otherwise a capital or digit after the break, a name
  /// particle ("al-"), a word already hyphenated ("step-by-"), an acronym ("US-led"), a
  /// hyphen-taking prefix ("pro-government") or doubled vowels ("de-escalation") keep it.
  public static func keepsLineEndHyphen(
    left: Substring, right: Substring, vocabulary: Set<String> = []
  ) -> Bool {
    let lowerLeft = left.lowercased()
    let lowerRight = right.lowercased()
    guard !lowerLeft.isEmpty, !lowerRight.isEmpty else { return true }
    if vocabulary.contains(lowerLeft + "-" + lowerRight) { return true }
    if vocabulary.contains(lowerLeft + lowerRight) { return false }
    if let first = right.first, first.isUppercase || first.isNumber { return true }
    let lastPart = lowerLeft.split(separator: "-").last.map(String.init) ?? lowerLeft
    if hyphenatedParticles.contains(lastPart) { return true }
    if lowerLeft.contains("-") { return true }
    if left.count >= 2, left.allSatisfy({ $0.isUppercase }) { return true }
    if hyphenatedPrefixes.contains(lowerLeft) && lowerRight.count >= 3 { return true }
    if let last = lowerLeft.last, let first = lowerRight.first, last == first, "aeiou".contains(last) {
      return true
    }
    return false
  }

  // MARK: - Rule 4: spaces

  /// Collapses runs of spaces (justified PDF text) and trims the ends.
  public static func collapseSpaces(_ text: String) -> String {
    // Works on UTF-8 bytes: a space is one byte and never part of a multi-byte character.
    text.withUTF8Bytes { bytes in
      guard let first = bytes.first, let last = bytes.last else { return text }
      // Most paragraphs have nothing to collapse: keep the string rather than copy it.
      var doubled: UInt8 = 0
      var previous: UInt8 = 0
      for byte in bytes {
        doubled |= (byte == 0x20 ? 1 : 0) & (previous == 0x20 ? 1 : 0)
        previous = byte
      }
      if doubled == 0, first != 0x20, last != 0x20 { return text }
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count)
      var pendingSpace = false
      for byte in bytes {
        if byte == 0x20 {
          pendingSpace = !output.isEmpty
          continue
        }
        if pendingSpace { output.append(0x20) }
        pendingSpace = false
        output.append(byte)
      }
      return String(decoding: output, as: UTF8.self)
    }
  }

  /// Splits at line feeds, keeping empty lines (they separate paragraphs).
  static func lines(of text: String) -> [Substring] {
    // Line ends found in the bytes; the UTF-8 view turns offsets into indices in constant time.
    let ends = text.withUTF8Bytes { bytes in bytes.indices.filter { bytes[$0] == 0x0A } }
    let utf8 = text.utf8
    var lines: [Substring] = []
    lines.reserveCapacity(ends.count + 1)
    var start = utf8.startIndex
    for end in ends {
      let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
      lines.append(text[start..<endIndex])
      start = utf8.index(after: endIndex)
    }
    lines.append(text[start...])
    return lines
  }

  /// True when some line ends with a hyphen (spaces after it allowed).
  static func hasLineEndHyphen(_ text: String) -> Bool {
    // Jumps from hyphen to hyphen with `memchr` (hyphens are few) and looks past the spaces
    // after each one for a line end.
    text.withUTF8Bytes { bytes in
      guard let base = bytes.baseAddress else { return false }
      var index = 0
      while index < bytes.count, let found = memchr(base + index, 0x2D, bytes.count - index) {
        index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        var next = index
        while next < bytes.count, bytes[next] == 0x20 { next += 1 }
        if next < bytes.count, bytes[next] == 0x0A || bytes[next] == 0x0D { return true }
      }
      return false
    }
  }

  // MARK: - Helpers

  /// Lowercased words of `text` as written, inner hyphens included.
  static func vocabulary(of text: String) -> Set<String> {
    var words = Set<String>()
    for raw in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
      let word = raw.trimmingCharacters(where: { !$0.isLetter && !$0.isNumber })
      guard !word.isEmpty, !word.hasSuffix("-") else { continue }
      words.insert(word.lowercased())
    }
    return words
  }

  static func lastWord(of text: Substring) -> Substring {
    let start =
      text.lastIndex(where: { !($0.isLetter || $0.isNumber || $0 == "-") })
      .map { text.index(after: $0) } ?? text.startIndex
    return text[start...]
  }

  static func firstWord(of text: Substring) -> Substring {
    let end = text.firstIndex(where: { !($0.isLetter || $0.isNumber) }) ?? text.endIndex
    return text[..<end]
  }
}

extension Substring {
  /// The substring without leading and trailing spaces.
  func trimmingSpaces() -> Substring {
    let bytes = utf8
    guard let start = bytes.firstIndex(where: { $0 != 0x20 }) else { return self[endIndex...] }
    let end = bytes.lastIndex(where: { $0 != 0x20 })!
    return Substring(bytes[start...end])
  }

  func trimmingCharacters(where predicate: (Character) -> Bool) -> Substring {
    guard let start = firstIndex(where: { !predicate($0) }) else { return self[endIndex...] }
    let end = lastIndex(where: { !predicate($0) })!
    return self[start...end]
  }
}
