import Foundation
import NewsStore

/// Pseudo-relevance feedback (`--feedback`): the words that stand out in the first results
/// join the query, and the search runs again.
///
/// A relevance model (RM3): the top ``documents`` results are taken as relevant, each weighted
/// by how close it scores to the first (``scoreScale``); a word's weight is its count in each
/// result over the result's length plus ``lengthPrior``, summed with the results' weights,
/// times its rarity in the archive (`ln(N / n)`, N passages, n holding the word). The
/// ``terms`` heaviest words join the query: the heaviest weighs ``addedWeight`` of a typed
/// word, the others in proportion. Words are compared as the index stems them
/// (`TermStemmer`), so "reactor" and "reactors" are one word.
///
/// It finds passages that use the vocabulary of the best ones without the words typed, at the
/// cost of a second search. Measured on the five test collections of `Tools/eval` (see its
/// README, fifth round): these settings are the ones that lift all five above the best peer;
/// rarity keeps words every result shares ("said", "year") from taking the places.
struct FeedbackExpander {
  /// Results read; their weights fall off fast with the score (``scoreScale``).
  static let documents = 10
  /// Words chosen (a chosen word already typed adds to that word's weight instead).
  static let terms = 20
  /// A result weighs `exp((score − first score) / scoreScale)`: one point of BM25 below the
  /// first, e⁻¹ as much. A first result far ahead speaks alone; results that score alike
  /// share. Weights by the scores' shares instead let the tail of the ten, mostly not
  /// relevant when a subject has few articles (TIME), pull in its words.
  static let scoreScale = 1.0
  /// Counts are divided by a result's length plus this many words: a short result's words
  /// are not blown up as by count / length (which cost NPL's 42-word abstracts), and a long
  /// result does not outweigh the others in proportion to its length (raw counts cost TIME).
  static let lengthPrior = 200.0
  /// The heaviest added word weighs this share of a typed word.
  static let addedWeight = 0.4

  struct Outcome {
    /// The query with the added words as plain-word units after the typed ones.
    var query: SearchQuery
    /// One weight per unit of `query`.
    var unitWeights: [Double]
    /// The added words, heaviest first, as they appear in the results.
    var addedWords: [String]
  }

  let reader: ArchiveReader
  let stemmer: TermStemmer

  /// `documents`: the first results' text (title and passages) and scores, best first.
  func expand(_ query: SearchQuery, documents: [(text: String, score: Double)]) throws(StoreError) -> Outcome {
    // A typed unit weighs 1, as in a search without feedback, so the scores stay comparable;
    // the model's words weigh less, in proportion to the model's weights.
    var outcome = Outcome(query: query, unitWeights: Array(repeating: 1, count: query.units.count), addedWords: [])
    let model = try relevanceModel(of: documents.prefix(FeedbackExpander.documents))
    guard !model.isEmpty else { return outcome }

    // A typed word (or one of its spellings) that the model also chose gets the model's
    // weight on top of its own, rather than a second unit.
    let typedTerms = try query.units.map { unit throws(StoreError) in
      Set(try stemmer.terms(of: FeedbackExpander.plainWords(in: unit)))
    }
    for term in model {
      let weight = FeedbackExpander.addedWeight * term.weight
      if let unit = typedTerms.firstIndex(where: { $0.contains(term.term) }) {
        outcome.unitWeights[unit] += weight
      } else {
        outcome.query.units.append(.phrase([term.word.lowercased()], prefix: false))
        outcome.unitWeights.append(weight)
        outcome.addedWords.append(term.word)
      }
    }
    return outcome
  }

  /// A weighted word of the relevance model: its term, the spelling (and case) the results use
  /// most, and its weight (the heaviest word's is 1).
  struct ModelTerm {
    var term: String
    var word: String
    var weight: Double
  }

  /// The ``terms`` heaviest words of the documents, stopwords and numbers left out.
  func relevanceModel(of documents: ArraySlice<(text: String, score: Double)>) throws(StoreError) -> [ModelTerm] {
    let words = documents.map { Tokenizer.tokens(in: $0.text.unicodeScalars) }
    let distinct = Array(Set(words.joined()))
    let terms = try stemmer.terms(of: distinct)
    var termOf: [String: String] = [:]
    for (word, term) in zip(distinct, terms) where FeedbackExpander.isTelling(word.lowercased(), term: term) {
      termOf[word] = term
    }

    let first = documents.map(\.score).max() ?? 0
    let documentWeights = documents.map { exp(($0.score - first) / FeedbackExpander.scoreScale) }
    var weights: [String: Double] = [:]
    var spellings: [String: [String: Int]] = [:]
    var holding: [String: Int] = [:]  // results holding the term
    for (documentWeight, documentWords) in zip(documentWeights, words) where !documentWords.isEmpty {
      let share = documentWeight / (Double(documentWords.count) + FeedbackExpander.lengthPrior)
      var seen = Set<String>()
      for word in documentWords {
        guard let term = termOf[word] else { continue }
        weights[term, default: 0] += share
        spellings[term, default: [:]][word, default: 0] += 1
        if seen.insert(term).inserted { holding[term, default: 0] += 1 }
      }
    }
    let (rarity, names) = try rarityAndNames(of: Set(weights.keys), holding: holding)
    for (term, weight) in weights { weights[term] = weight * (rarity[term] ?? 0) }

    let chosen = weights.filter { $0.value > 0 }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(FeedbackExpander.terms)
    let heaviest = chosen.first?.value ?? 1
    return chosen.map { term, weight in
      ModelTerm(term: term, word: FeedbackExpander.displaySpelling(
        of: spellings[term, default: [:]], isName: names.contains(term)) ?? term, weight: weight / heaviest)
    }
  }

  /// How to show an added word, from the spellings the results use and how often: lower case
  /// when it occurs so (a title's capitals are not a name's), else a spelling not all in
  /// capitals ("Metrobanc"), else lower case when the archive does not count the word as a
  /// name and it has no digit (a headline's "RAISES"), else as written ("OPCW", "GCR2P").
  static func displaySpelling(of seen: [String: Int], isName: Bool) -> String? {
    func mostUsed(_ spellings: [String: Int]) -> String? {
      spellings.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
    if let lower = mostUsed(seen.filter { $0.key == $0.key.lowercased() }) { return lower }
    if let mixed = mostUsed(seen.filter { $0.key != $0.key.uppercased() }) { return mixed }
    guard let capitals = mostUsed(seen) else { return nil }
    let hasDigit = capitals.unicodeScalars.contains { $0.properties.numericType != nil }
    return isName || hasDigit ? capitals : capitals.lowercased()
  }

  /// `ln(N / n)` per term: N passages in the archive, n holding the term. The vocabulary
  /// table knows n for plain-letter terms; for others (digits, other scripts), or in an
  /// archive without the table, n is the number of results holding the term, the least it
  /// can be. Also the terms the vocabulary counts as names.
  func rarityAndNames(
    of terms: Set<String>, holding: [String: Int]
  ) throws(StoreError) -> (rarity: [String: Double], names: Set<String>) {
    let passages = Double(try reader.passageCount())
    var found: [String: Int] = [:]
    var names = Set<String>()
    if try reader.hasSpellingVocabulary() {
      for entry in try reader.vocabulary(keys: [], terms: terms) {
        found[entry.term] = entry.docs
        if entry.isName { names.insert(entry.term) }
      }
    }
    var rarity: [String: Double] = [:]
    for term in terms {
      let n = max(1, found[term] ?? holding[term] ?? 1)
      rarity[term] = max(0, log(passages / Double(n)))
    }
    return (rarity, names)
  }

  /// Whether a word can stand for a result's subject: not a stopword, not a number, and not a
  /// single letter. (Leaving out numbers in words, days, months and verbs of reporting as well,
  /// "two", "Friday", "followed", changed MAP and nDCG@10 by at most 0.0007 on the five test
  /// collections, and took NPL's nDCG@10 below tantivy's: not done.)
  static func isTelling(_ word: String, term: String) -> Bool {
    guard term.count > 1, !SearchQuery.stopwords.contains(word) else { return false }
    return !word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
  }

  /// The plain one-word units in a unit (itself, or the members of an OR group such as a
  /// name's spellings): the words a model's single word can stand for.
  static func plainWords(in unit: QueryUnit) -> [String] {
    switch unit {
    case .phrase(let tokens, let prefix): return tokens.count == 1 && !prefix ? tokens : []
    case .either(let options): return options.flatMap(plainWords)
    case .inTitle: return []
    }
  }
}
