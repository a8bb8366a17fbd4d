/// Splits raw text into CoNLL-like tokens and sentences, working on UTF-8 bytes.
///
/// Punctuation is split off words ("(Reuters)" → "(", "Reuters", ")"), but word-internal
/// periods, hyphens and apostrophes stay ("U.S.", "al-Sham", "Nu’man"), and a trailing period
/// stays on abbreviations and initials ("Mr.", "J.") as in CoNLL. Possessive "'s" becomes its
/// own token, as in the training data. A lowercase word hyphenated onto a capitalized one is
/// split off ("US-backed" → "US", "-", "backed"; "al-Sham-led" → "al-Sham", "-", "led"), so that
/// the name is a token of its own; "al-Sham", "ez-Zor" and "de-escalation" stay whole.
package struct TextTokenizer: Sendable {
  /// Lowercased abbreviations that keep their trailing period and do not end a sentence.
  static let defaultAbbreviations: Set<[UInt8]> = Set(
    [
      "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "prof", "sen", "rep", "gov",
      "pres", "st", "jr", "sr", "inc", "corp", "ltd", "co", "bros", "no", "vs", "jan", "feb", "mar",
      "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "adm", "rev", "messrs",
      "cmdr", "gov", "fig", "approx", "dept", "est", "u.s", "u.k", "u.n",
    ].map { Array($0.utf8) })

  /// Lowercased prefixes that stay joined to a lowercase word even when capitalized at the
  /// start of a sentence ("Anti-government", "Non-aligned").
  static let defaultJoinedPrefixes: Set<[UInt8]> = Set(
    [
      "anti", "non", "pro", "ex", "post", "pre", "co", "self", "mid", "semi", "multi", "neo", "pan", "vice",
      "counter", "cross", "inter", "intra", "sub", "super", "ultra", "well", "half", "all", "re", "un",
      "over",
      "under", "long", "short", "high", "low", "full", "part", "first", "second", "third", "one", "two",
      "three",
    ].map { Array($0.utf8) })

  package init() {}

  package func tokenize(_ text: String) -> TokenizedDocument {
    tokenize(bytes: Array(text.utf8))
  }

  /// Tokenizes paragraphs as one document, joined by blank lines.
  ///
  /// Each paragraph starts a sentence. `byteStarts` and `scalarStarts` give where each
  /// paragraph begins in the joined text, followed by the joined text's length.
  package func tokenize(paragraphs: [String]) -> (
    document: TokenizedDocument, byteStarts: [Int], scalarStarts: [Int]
  ) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count + 2 })
    var byteStarts: [Int] = []
    var scalarStarts: [Int] = []
    var scalars = 0
    for (index, paragraph) in paragraphs.enumerated() {
      if index > 0 {
        bytes.append(10)
        bytes.append(10)
        scalars += 2
      }
      byteStarts.append(bytes.count)
      scalarStarts.append(scalars)
      let start = bytes.count
      bytes.append(contentsOf: paragraph.utf8)
      for byte in bytes[start...] where byte & 0xC0 != 0x80 { scalars += 1 }
    }
    byteStarts.append(bytes.count)
    scalarStarts.append(scalars)
    return (tokenize(bytes: bytes), byteStarts, scalarStarts)
  }

  package func tokenize(bytes: [UInt8]) -> TokenizedDocument {
    var document = TokenizedDocument()
    document.bytes = bytes
    var state = ScanState()
    document.bytes.withUnsafeBufferPointer { bytes in
      var index = 0
      let count = bytes.count
      while index < count {
        // Whitespace run: a blank line ends the sentence.
        var newlines = 0
        while index < count {
          let width = whitespaceWidth(bytes, index)
          if width == 0 { break }
          if bytes[index] == 10 { newlines += 1 }
          index += width
        }
        if newlines >= 2 { state.pendingEnd = false; document.endSentence() }
        let chunkStart = index
        while index < count && whitespaceWidth(bytes, index) == 0 { index += 1 }
        if index > chunkStart { splitChunk(bytes, chunkStart, index, &document, &state) }
      }
    }
    document.endSentence()
    return document
  }

  private struct ScanState {
    var pendingEnd = false
    var scalarCursorByte = 0
    var scalarCursor = 0
  }

  @inline(__always)
  private func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
    let byte = bytes[index]
    if byte == 32 || byte == 10 || byte == 9 || byte == 13 || byte == 12 { return 1 }
    if byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0 { return 2 }  // no-break space
    return 0
  }

  /// Width of a punctuation character starting at `index` that is always split off (quotes,
  /// brackets, dashes), or 0.
  @inline(__always)
  private func quoteOrBracketWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, end: Int) -> Int {
    let byte = bytes[index]
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
      UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"):
      return 1
    case 0xE2 where index + 2 < end && bytes[index + 1] == 0x80:
      switch bytes[index + 2] {
      case 0x9C, 0x9D, 0x98, 0x99, 0x93, 0x94, 0xA6: return 3  // “ ” ‘ ’ – — …
      default: return 0
      }
    case 0xC2 where index + 1 < end && (bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB):
      return 2  // « »
    default:
      return 0
    }
  }

  /// Width of a trailing punctuation character ending at `end`, or 0.
  @inline(__always)
  private func trailingPunctuationWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int
  {
    let byte = bytes[end - 1]
    switch byte {
    case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
      UInt8(ascii: "?"), UInt8(ascii: "'"):
      return 1
    default:
      break
    }
    if end - 3 >= start && bytes[end - 3] == 0xE2 && quoteOrBracketWidth(bytes, end - 3, end: end) == 3 {
      return 3
    }
    if end - 2 >= start && bytes[end - 2] == 0xC2 && quoteOrBracketWidth(bytes, end - 2, end: end) == 2 {
      return 2
    }
    if quoteOrBracketWidth(bytes, end - 1, end: end) == 1 { return 1 }
    return 0
  }

  /// Whether `bytes[start..<end]` (a word without its final period) keeps that period.
  private func keepsPeriod(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard end > start else { return false }
    var hasLetter = false
    var hasPeriod = false
    for index in start..<end {
      let byte = bytes[index] | 0x20
      if byte >= 97 && byte <= 122 { hasLetter = true }
      if bytes[index] == UInt8(ascii: ".") { hasPeriod = true }
    }
    guard hasLetter else { return false }
    if hasPeriod { return true }  // "U.S", "a.m"
    if end - start == 1 { return bytes[start] >= 65 && bytes[start] <= 90 }  // initial "J."
    if end - start > 7 { return false }
    var lowered = [UInt8]()
    lowered.reserveCapacity(end - start)
    for index in start..<end {
      let byte = bytes[index]
      lowered.append(byte >= 65 && byte <= 90 ? byte | 0x20 : byte)
    }
    return Self.defaultAbbreviations.contains(lowered)
  }

  private func splitChunk(
    _ bytes: UnsafeBufferPointer<UInt8>, _ chunkStart: Int, _ chunkEnd: Int,
    _ document: inout TokenizedDocument, _ state: inout ScanState
  ) {
    var start = chunkStart
    var end = chunkEnd
    // Leading quotes and brackets.
    while start < end {
      let width = quoteOrBracketWidth(bytes, start, end: end)
      if width == 0 { break }
      emit(bytes, start, start + width, &document, &state)
      start += width
    }
    // Trailing punctuation, collected right to left.
    var trailing: [(Int, Int)] = []
    while end > start {
      let width = trailingPunctuationWidth(bytes, start, end)
      if width == 0 { break }
      if width == 1 && bytes[end - 1] == UInt8(ascii: ".") && keepsPeriod(bytes, start, end - 1) { break }
      trailing.append((end - width, end))
      end -= width
    }
    // Possessive "'s" / "’s".
    var possessive: (Int, Int)? = nil
    if end - start > 2 && (bytes[end - 1] | 0x20) == UInt8(ascii: "s") && bytes[end - 2] == UInt8(ascii: "'")
    {
      possessive = (end - 2, end)
      end -= 2
    } else if end - start > 4 && (bytes[end - 1] | 0x20) == UInt8(ascii: "s") && bytes[end - 2] == 0x99
      && bytes[end - 3] == 0x80 && bytes[end - 4] == 0xE2
    {
      possessive = (end - 4, end)
      end -= 4
    }
    // A lowercase word hyphenated onto a name: "al-Sham-led" → "al-Sham", "-", "led".
    var suffix: Range<Int>? = nil
    if let hyphen = nameSuffixHyphen(bytes, start, end) {
      suffix = (hyphen + 1)..<end
      end = hyphen
    }
    // Word body, split at internal dashes and quotes.
    var pieceStart = start
    var index = start
    while index < end {
      let width = quoteOrBracketWidth(bytes, index, end: end)
      let isApostrophe = width == 3 && bytes[index + 2] == 0x99
      if width > 0 && !isApostrophe {
        if index > pieceStart { emit(bytes, pieceStart, index, &document, &state) }
        emit(bytes, index, index + width, &document, &state)
        index += width
        pieceStart = index
      } else {
        index += max(width, 1)
      }
    }
    if end > pieceStart { emit(bytes, pieceStart, end, &document, &state) }
    if let suffix {
      emit(bytes, suffix.lowerBound - 1, suffix.lowerBound, &document, &state)
      emit(bytes, suffix.lowerBound, suffix.upperBound, &document, &state)
    }
    if let possessive { emit(bytes, possessive.0, possessive.1, &document, &state) }
    for piece in trailing.reversed() { emit(bytes, piece.0, piece.1, &document, &state) }
  }

  /// The position of the hyphen before a lowercase suffix to split off `bytes[start..<end]`:
  /// the suffix is two or more ASCII lowercase letters, and the segment before the hyphen has
  /// two or more characters, starts with a capital and is not a joined prefix ("Anti-").
  private func nameSuffixHyphen(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    var hyphen = end - 1
    while hyphen > start && bytes[hyphen] >= 97 && bytes[hyphen] <= 122 { hyphen -= 1 }
    guard hyphen > start, bytes[hyphen] == UInt8(ascii: "-"), end - hyphen > 2 else { return nil }
    var segment = hyphen
    while segment > start && bytes[segment - 1] != UInt8(ascii: "-") { segment -= 1 }
    guard hyphen - segment >= 2, bytes[segment] >= 65 && bytes[segment] <= 90 else { return nil }
    if hyphen - segment <= 7 {
      let lowered = (segment..<hyphen).map {
        bytes[$0] >= 65 && bytes[$0] <= 90 ? bytes[$0] | 0x20 : bytes[$0]
      }
      if Self.defaultJoinedPrefixes.contains(lowered) { return nil }
    }
    return hyphen
  }

  private func emit(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
    _ document: inout TokenizedDocument, _ state: inout ScanState
  ) {
    let first = bytes[start]
    if state.pendingEnd {
      let isCloser =
        end - start == 1
        && (first == UInt8(ascii: "\"") || first == UInt8(ascii: ")") || first == UInt8(ascii: "'"))
        || (end - start == 3 && first == 0xE2 && (bytes[start + 2] == 0x9D || bytes[start + 2] == 0x99))
      if !isCloser {
        state.pendingEnd = false
        if !(first >= 97 && first <= 122) { document.endSentence() }
      }
    }
    let scalarStart = advanceScalars(bytes, to: start, &state)
    let scalarEnd = advanceScalars(bytes, to: end, &state)
    document.tokenStarts.append(Int32(start))
    document.tokenEnds.append(Int32(end))
    document.tokenScalarStarts.append(Int32(scalarStart))
    document.tokenScalarEnds.append(Int32(scalarEnd))
    if end - start == 1
      && (first == UInt8(ascii: ".") || first == UInt8(ascii: "!") || first == UInt8(ascii: "?"))
    {
      state.pendingEnd = true
    }
  }

  /// Moves the scalar cursor forward to byte `target`, counting non-continuation bytes.
  @inline(__always)
  private func advanceScalars(_ bytes: UnsafeBufferPointer<UInt8>, to target: Int, _ state: inout ScanState)
    -> Int
  {
    while state.scalarCursorByte < target {
      if bytes[state.scalarCursorByte] & 0xC0 != 0x80 { state.scalarCursor += 1 }
      state.scalarCursorByte += 1
    }
    return state.scalarCursor
  }
}
