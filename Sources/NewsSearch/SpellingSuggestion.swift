import NewsModel
import NewsStore

/// "Did you mean": the query with its rare words respelled as words the archive uses often.
///
/// Offered, never applied.
public struct SpellingSuggestion: Sendable, Equatable {
  public struct Replacement: Sendable, Equatable {
    /// The word as typed: "Idlip".
    public var typed: String
    /// The word suggested, as the archive writes it: "Idlib".
    public var suggested: String

    public init(typed: String, suggested: String) {
      self.typed = typed
      self.suggested = suggested
    }
  }

  public var replacements: [Replacement]
  /// The query as typed, with the replacements made; nil when the search was given a parsed
  /// query rather than text.
  public var text: String?
  /// Passages (articles, when grouped) the suggested query matches: always more than the
  /// query as typed. With ``countsEveryWord``, only the passages that hold every word.
  public var totalMatches: Int
  /// True when the query as typed matched only in part (no passage holds every word, one word
  /// being rare), and ``totalMatches`` counts the passages that hold every suggested word.
  public var countsEveryWord: Bool

  public init(replacements: [Replacement], text: String?, totalMatches: Int, countsEveryWord: Bool = false) {
    self.replacements = replacements
    self.text = text
    self.totalMatches = totalMatches
    self.countsEveryWord = countsEveryWord
  }
}

/// Finds a ``SpellingSuggestion`` for a query with no or few hits.
///
/// A word may be mistyped when it is plain (not quoted, not a prefix, not excluded) and the
/// archive has it in at most ``maximumDocs`` paragraphs. Its candidates come from
/// ``SpellingVariants/suggestions(for:limit:minimumCount:)`` over the vocabulary rows near it
/// (its ``VariantKey``, and terms with its first letter and a length within the edit bound):
/// spelling variants first, then words one edit away (two from 8 letters on), at least three
/// times as common. The first candidate that gets the query more hits is kept; the whole
/// suggestion must get more hits than the query as typed.
///
/// A query of several words that many passages match in part, none with every word, is looked
/// at too ("Aleppo hospitl bombing"): there the hits counted are the passages with every word.
struct SpellingSuggester {
  /// Suggestions are looked for when the query matched at most this many passages.
  static let maximumMatches = 2
  /// A word in more paragraphs than this is taken as meant.
  static let maximumDocs = 2
  /// Candidates tried per word, and words respelled per query.
  static let candidatesPerWord = 3
  static let maximumWords = 4

  let reader: ArchiveReader
  let stemmer: TermStemmer

  /// - Parameters:
  ///   - query: the query as parsed, which matched `totalMatches` passages.
  ///   - countMatches: how many passages a respelled query matches when it runs, with the
  ///     search's filters.
  ///   - countsEveryWord: `countMatches` counts only the passages holding every word (the
  ///     query as typed matched only in part); the suggestion says so.
  func suggestion(
    for query: SearchQuery, typedText: String?, totalMatches: Int, countsEveryWord: Bool = false,
    countMatches: (SearchQuery) throws -> Int
  ) throws -> SpellingSuggestion? {
    guard totalMatches <= SpellingSuggester.maximumMatches, try reader.hasSpellingVocabulary() else {
      return nil
    }
    // Plain words, as (unit index, token, whether it is a title: unit).
    var words: [(unit: Int, token: String, inTitle: Bool)] = []
    for (index, unit) in query.units.enumerated() where !query.quotedUnits.contains(unit) {
      switch unit {
      case .phrase(let tokens, false) where tokens.count == 1: words.append((index, tokens[0], false))
      case .inTitle(.phrase(let tokens, false)) where tokens.count == 1:
        words.append((index, tokens[0], true))
      default: continue
      }
    }
    words.removeAll {
      let folded = VariantKey.foldedBytes($0.token)
      return folded.count < VariantForm.minimumLetters || !folded.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }
    guard !words.isEmpty else { return nil }
    let stems = try stemmer.terms(of: words.map(\.token))
    let known = try reader.vocabulary(keys: [], terms: Set(stems))
    let docs = Dictionary(known.map { ($0.term, $0.docs) }, uniquingKeysWith: max)

    var candidates: [[String]] = []
    var rare: [(unit: Int, token: String, inTitle: Bool)] = []
    for (word, stem) in zip(words, stems) where rare.count < SpellingSuggester.maximumWords {
      let count = docs[stem] ?? 0
      guard count <= SpellingSuggester.maximumDocs, stem.utf8.count >= VariantForm.minimumLetters else {
        continue
      }
      let found = try nearbyTerms(of: stem, typed: word.token, count: count)
        .suggestions(for: stem, limit: SpellingSuggester.candidatesPerWord)
      guard !found.isEmpty else { continue }
      rare.append(word)
      candidates.append(found)
    }
    guard !rare.isEmpty else { return nil }
    // A candidate FTS5 would stem into another term would search for something else.
    let all = Array(Set(candidates.joined()))
    let stable = Set(zip(all, try stemmer.terms(of: all)).filter { $0 == $1 }.map(\.0))

    func replacing(_ query: SearchQuery, _ picks: [(unit: Int, term: String, inTitle: Bool)]) -> SearchQuery {
      var rewritten = query
      for pick in picks {
        rewritten.units[pick.unit] = pick.inTitle ? .inTitle(.word(pick.term)) : .word(pick.term)
      }
      return rewritten
    }
    var picks: [(unit: Int, term: String, inTitle: Bool)] = []
    var typed: [String] = []
    var best = totalMatches
    for (word, options) in zip(rare, candidates) {
      for term in options where stable.contains(term) {
        let matches = try countMatches(replacing(query, [(word.unit, term, word.inTitle)]))
        if matches > totalMatches {
          picks.append((word.unit, term, word.inTitle))
          typed.append(word.token)
          best = matches
          break
        }
      }
    }
    guard !picks.isEmpty else { return nil }
    if picks.count > 1 { best = try countMatches(replacing(query, picks)) }
    guard best > totalMatches else { return nil }

    var replacements: [SpellingSuggestion.Replacement] = []
    var text = typedText
    for (pick, token) in zip(picks, typed) {
      let written =
        try reader.firstMatchedText(FTS5QueryCompiler.expression(for: .word(pick.term))) ?? pick.term
      replacements.append(.init(typed: token, suggested: written))
      text = text.map { QueryText.replacing([token], with: written, in: $0) }
    }
    return SpellingSuggestion(
      replacements: replacements, text: text, totalMatches: best, countsEveryWord: countsEveryWord)
  }

  /// The vocabulary a suggestion for `stem` can come from: its spelling variants, and the
  /// terms that could be within the edit bound and common enough.
  func nearbyTerms(of stem: String, typed: String, count: Int) throws(StoreError) -> SpellingVariants {
    let length = stem.utf8.count
    let bound = length < 8 ? 1 : 2  // as in SpellingVariants.suggestions
    let folded = String(decoding: VariantKey.foldedBytes(typed), as: UTF8.self)
    var rows = try reader.vocabulary(
      keys: [VariantKey.of(stem), VariantKey.of(folded)], terms: [stem])
    rows += try reader.vocabulary(
      startingWith: String(stem.prefix(1)), lengths: (length - bound)...(length + bound),
      minimumDocs: max(2, 3 * count))
    // One entry per term: SpellingVariants adds up the counts of a term listed twice.
    var seen = Set<String>()
    rows.removeAll { !seen.insert($0.term).inserted }
    return SpellingVariants(
      vocabulary: rows.map { (term: $0.term, count: $0.docs) }, names: rows.filter(\.isName).map(\.term))
  }
}

extension QueryText {
  /// `text` with the first stretch holding `tokens` in a row replaced by `replacement`; the
  /// text unchanged when it does not hold them.
  static func replacing(_ tokens: [String], with replacement: String, in text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    let found = QueryText.tokens(in: scalars, within: 0..<scalars.count)
    guard found.count >= tokens.count, !tokens.isEmpty else { return text }
    for start in 0...(found.count - tokens.count)
    where found[start..<(start + tokens.count)].map(\.text) == tokens {
      var result = String.UnicodeScalarView(scalars[..<found[start].range.lowerBound])
      result.append(contentsOf: replacement.unicodeScalars)
      result.append(contentsOf: scalars[found[start + tokens.count - 1].range.upperBound...])
      return String(result)
    }
    return text
  }
}
