/// Reads the query language users type into a ``SearchQuery``.
///
/// - words, stemmed by the index: `patrols` finds "patrol";
/// - `"exact phrase"` (straight or curly quotes; an unclosed quote runs to the end);
/// - `a OR b` (upper case; lower-case `or` is a word);
/// - `-word`, `-"a phrase"` or `NOT word` excludes;
/// - `prefix*`;
/// - `title:word`, `title:"a phrase"` looks in titles only;
/// - a word with inner punctuation (`de-escalation`, `al-Sham`, `Nu’man`, `U.S.`) is the
///   phrase of its parts, exactly as the index splits it; but a slash, comma or semicolon
///   between two letters separates words (`Idlib/Hama`, `Money/Foreign Exchange`, `oil,gas`):
///   an alternative or a list, not a compound. Between digits (`9/11`, `1,000`) it joins.
/// Everything else (brackets, `^`, `:`, `AND`, symbols, emoji, control characters) is treated
/// as a separator, never as syntax, so any string is safe to search.
public struct QueryParser: Sendable {
  /// A query is cut to this many units; a pasted paragraph still searches by its first words.
  public static let defaultMaximumUnits = 64
  /// Tokens longer than this are cut; no real word is longer.
  public static let maximumTokenLength = 128

  public init() {}

  public func parse(_ text: String) throws(QueryError) -> SearchQuery {
    var units: [QueryUnit] = []
    var exclusions: [QueryUnit] = []
    var quoted = Set<Int>()  // indices of units typed in quotes, whose stopwords stay
    var quotedUnits: [QueryUnit] = []  // the same units, kept as typed (never respelled)
    var pendingOr = false
    var pendingNot = false

    for lexeme in QueryParser.lexemes(of: text) {
      switch lexeme {
      case .or:
        pendingOr = !units.isEmpty
        continue
      case .not:
        pendingNot = true
        continue
      case .unit(var unit, let excluded, let wasQuoted):
        if wasQuoted, !quotedUnits.contains(unit) { quotedUnits.append(unit) }
        if excluded || pendingNot {
          exclusions.append(unit)
        } else if pendingOr, let previous = units.popLast() {
          if case .either(let options) = previous {
            unit = .either(options + [unit])
          } else {
            unit = .either([previous, unit])
          }
          units.append(unit)
        } else {
          if wasQuoted { quoted.insert(units.count) }
          units.append(unit)
        }
      }
      pendingOr = false
      pendingNot = false
    }

    if units.isEmpty {
      throw exclusions.isEmpty ? .noSearchableWords(query: text) : .onlyExclusions
    }
    // Stopwords go first, so that the unit limit keeps the telling words of a long question.
    var query = SearchQuery(units: units, exclusions: exclusions, quotedUnits: quotedUnits)
    query.dropStopwords(keeping: quoted)
    query.units = Array(query.units.prefix(QueryParser.defaultMaximumUnits))
    query.exclusions = Array(query.exclusions.prefix(QueryParser.defaultMaximumUnits))
    return query
  }

  enum Lexeme: Equatable {
    case unit(QueryUnit, excluded: Bool, quoted: Bool)
    case or
    case not
  }

  /// Splits the text into units and operators; pieces without any token vanish.
  static func lexemes(of text: String) -> [Lexeme] {
    let scalars = Array(text.unicodeScalars)
    var lexemes: [Lexeme] = []
    var index = 0
    while index < scalars.count {
      if isSpace(scalars[index]) {
        index += 1
        continue
      }
      var excluded = false
      var inTitle = false
      if scalars[index] == "-", index + 1 < scalars.count, !isSpace(scalars[index + 1]) {
        excluded = true
        index += 1
      }
      if hasTitlePrefix(scalars, at: index) {
        inTitle = true
        index += 6
      }
      guard index < scalars.count else { break }

      var found: [QueryUnit] = []
      let quoted = isQuote(scalars[index])
      if quoted {
        var end = index + 1
        while end < scalars.count, !isQuote(scalars[end]) { end += 1 }
        let tokens = Tokenizer.tokens(in: scalars[(index + 1)..<min(end, scalars.count)])
        var prefix = false
        var next = min(end + 1, scalars.count)
        if next < scalars.count, scalars[next] == "*" {
          prefix = true
          next += 1
        }
        if !tokens.isEmpty { found.append(.phrase(tokens, prefix: prefix)) }
        index = next
      } else {
        var end = index
        while end < scalars.count, !isSpace(scalars[end]), !isQuote(scalars[end]) { end += 1 }
        let word = scalars[index..<end]
        index = end
        if !excluded && !inTitle {
          let raw = String(String.UnicodeScalarView(word))
          if raw == "OR" || raw == "|" {
            lexemes.append(.or)
            continue
          }
          if raw == "NOT" {
            lexemes.append(.not)
            continue
          }
          if raw == "AND" || raw == "&" { continue }
        }
        for piece in QueryParser.separateWords(in: word) {
          let prefix = piece.last == "*"
          var tokens = Tokenizer.tokens(in: piece)
          // A possessive ("Feisal's", "Assad’s") names the word itself: the index has "feisal",
          // and the phrase "feisal s" would miss every other mention.
          if tokens.count > 1, tokens.last?.lowercased() == "s", QueryParser.endsWithPossessive(piece) {
            tokens.removeLast()
          }
          if !tokens.isEmpty { found.append(.phrase(tokens, prefix: prefix)) }
        }
      }
      for unit in found {
        lexemes.append(.unit(inTitle ? .inTitle(unit) : unit, excluded: excluded, quoted: quoted))
      }
    }
    return lexemes
  }

  /// Separates words. Brackets count as space: users type them as FTS5 grouping, which this
  /// language does not have, and "NEAR(a b)" should read as three words.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "(", ")", "[", "]", "{", "}": return true
    default: return scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
    }
  }

  /// The words in what was typed without a space: split at a slash, comma or semicolon that
  /// stands between two letters. (Measured on Reuters-21578's topic names as queries,
  /// `Tools/eval/reuters_topics.py`: "Money/Foreign Exchange" as the phrase "money foreign"
  /// found almost nothing.)
  static func separateWords(in word: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
    var pieces: [ArraySlice<Unicode.Scalar>] = []
    var start = word.startIndex
    for index in word.indices.dropFirst().dropLast() where isWordSeparator(word[index]) {
      if word[index - 1].properties.isAlphabetic && word[index + 1].properties.isAlphabetic {
        pieces.append(word[start..<index])
        start = index + 1
      }
    }
    pieces.append(word[start..<word.endIndex])
    return pieces
  }

  static func isWordSeparator(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "/" || scalar == "," || scalar == ";"
  }

  /// True for a word ending in 's or ’s (after any trailing punctuation).
  static func endsWithPossessive(_ word: some Collection<Unicode.Scalar>) -> Bool {
    let letters = Array(word.reversed().drop(while: { !Tokenizer.isTokenScalar($0) }))
    guard letters.count >= 3, letters[0] == "s" || letters[0] == "S" else { return false }
    return letters[1] == "'" || letters[1] == "\u{2019}"
  }

  static func isQuote(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}" || scalar == "\u{201E}"
  }

  static func hasTitlePrefix(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    guard index + 6 < scalars.count else { return false }
    let word = String(String.UnicodeScalarView(scalars[index..<(index + 6)])).lowercased()
    return word == "title:" && !isSpace(scalars[index + 6])
  }
}

extension SearchQuery {
  /// English words too common to rank by. They are dropped from plain-word units only, and
  /// only when a more telling unit remains; inside quotes they are kept.
  static let stopwords: Set<String> = [
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
    "yourselves", "say", "said", "says", "tell", "told", "show", "find", "get", "also",
  ]

  /// Drops plain stopword units, except those at the `kept` indices (typed in quotes).
  mutating func dropStopwords(keeping kept: Set<Int> = []) {
    func isStopword(_ index: Int) -> Bool {
      guard !kept.contains(index), case .phrase(let tokens, let prefix) = units[index], tokens.count == 1, !prefix
      else { return false }
      return SearchQuery.stopwords.contains(tokens[0].lowercased())
    }
    let stopwords = units.indices.filter(isStopword)
    guard stopwords.count < units.count else { return }
    droppedStopwords = stopwords.compactMap {
      if case .phrase(let tokens, _) = units[$0] { return tokens[0] }
      return nil
    }
    for index in stopwords.reversed() { units.remove(at: index) }
  }
}
