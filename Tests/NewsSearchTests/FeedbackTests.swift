import Foundation
import NewsIngest
import NewsStore
import NewsTestSupport
import Testing

@testable import NewsSearch

/// Pseudo-relevance feedback (`--feedback`): the relevance model built from the first
/// results, how it joins the query, and what it finds end to end.
@Suite struct FeedbackTests {
  /// Four articles: two say "reactor"; one tells the same story without the word; one shares
  /// a single word ("pumps").
  static let articles: [TestArticle] = [
    ("reactor-pumps", "Plant Alert", "The reactor cooling pumps failed and coolant levels fell at the plant."),
    ("reactor-core", "Core Damage", "Engineers said the reactor core overheated when coolant pumps failed."),
    ("no-word", "Plant Shutdown", "Coolant pumps failed overnight and engineers shut the plant down."),
    ("unrelated", "Fuel Prices", "Petrol prices rose again at the pumps in the capital."),
  ]

  let searcher: Searcher
  let expander: FeedbackExpander

  init() throws {
    let archive = try indexedArchive(of: FeedbackTests.articles)
    searcher = Searcher(reader: archive.makeReader())
    expander = FeedbackExpander(reader: archive.makeReader(), stemmer: try TermStemmer())
  }

  @Test func rarityIsTheLogOfPassagesOverPassagesHoldingTheWord() throws {
    // 4 passages: "pump" is in all 4, "coolant" in 3, "reactor" in 2; "tsunami" in none, so
    // it counts as held by the results that hold it.
    let (rarity, _) = try expander.rarityAndNames(
      of: ["pump", "coolant", "reactor", "tsunami"], holding: ["tsunami": 2])
    #expect(rarity["pump"] == 0)
    #expect(abs(rarity["coolant"]! - log(4.0 / 3)) < 1e-12)
    #expect(abs(rarity["reactor"]! - log(2.0)) < 1e-12)
    #expect(abs(rarity["tsunami"]! - log(2.0)) < 1e-12)
  }

  @Test(arguments: [
    // A lower-case use wins; then a spelling not all in capitals; a headline's capitals are
    // lowered unless the word is a name or holds a digit.
    (["RAISES": 5, "raises": 2], false, "raises"),
    (["RAISES": 3], false, "raises"),
    (["METROBANC": 3, "Metrobanc": 1], false, "Metrobanc"),
    (["OPCW": 4], true, "OPCW"),
    (["GCR2P": 2], false, "GCR2P"),
  ])
  func addedWordsAreShownAsTheTextWritesThem(seen: [String: Int], isName: Bool, shown: String) {
    #expect(FeedbackExpander.displaySpelling(of: seen, isName: isName) == shown)
  }

  @Test func theModelWeighsWordsByTheirCountInEachResultAndTheirRarity() throws {
    let model = try expander.relevanceModel(
      of: [
        (text: "Reactor cooling failed; the cooling pumps stopped in 2011.", score: 3),
        (text: "Cooling water reached the reactor.", score: 2.5),
      ][...])
    let words = model.map(\.word)
    // "cooling" is twice in the first result and once in the second, and no passage of the
    // archive has it.
    #expect(words.first == "cooling")
    // Stopwords ("the", "in"), numbers (2011), and a word in every passage ("pumps") stand
    // for nothing.
    #expect(Set(words) == ["cooling", "reactor", "failed", "stopped", "water", "reached"])
    #expect(model.first?.weight == 1 && model.allSatisfy { $0.weight > 0 && $0.weight <= 1 })
    // Two words no passage holds, one from each result: the better result's weighs more.
    let weight = Dictionary(uniqueKeysWithValues: model.map { ($0.word, $0.weight) })
    #expect(weight["stopped"]! > weight["reached"]!)
  }

  /// The words of a result that scores like the first count about as much as the first's;
  /// those of a result far below it, next to nothing.
  @Test(arguments: [(9.9, 0.8, 1.0), (2.0, 0, 0.001)])
  func aResultWeighsLessTheFurtherItScoresBelowTheFirst(second: Double, atLeast: Double, atMost: Double) throws {
    let model = try expander.relevanceModel(
      of: [(text: "Turbine blades cracked.", score: 10), (text: "Inspectors grounded planes.", score: second)][...])
    let weight = Dictionary(uniqueKeysWithValues: model.map { ($0.word.lowercased(), $0.weight) })
    let ratio = (weight["grounded"] ?? 0) / weight["cracked"]!
    #expect(ratio >= atLeast && ratio <= atMost, "ratio \(ratio)")
  }

  /// A short result's words are not inflated by its length: a word of a 3-word result weighs
  /// about as much as one of a 30-word result that scores the same (count over length would
  /// make it 10 times as much).
  @Test func aShortResultDoesNotOutweighALongOne() throws {
    let long = "Inspectors grounded planes " + Array(repeating: "after routine checks", count: 9).joined(separator: " ")
    let model = try expander.relevanceModel(
      of: [(text: "Turbine blades cracked.", score: 5), (text: long, score: 5)][...])
    let weight = Dictionary(uniqueKeysWithValues: model.map { ($0.word.lowercased(), $0.weight) })
    let ratio = weight["cracked"]! / weight["grounded"]!
    #expect(ratio > 1 && ratio < 1.2, "ratio \(ratio)")
  }

  @Test func aWordAlreadyTypedGainsWeightInsteadOfARepeat() throws {
    let query = try QueryParser().parse("reactors leak")
    let outcome = try expander.expand(
      query,
      documents: [
        (text: "The reactor leak worsened as the reactor lost coolant.", score: 2),
        (text: "Coolant leak at the reactor site.", score: 1),
      ])
    // "reactor" stems like the typed "reactors": no second unit, more weight on the first.
    #expect(!outcome.addedWords.contains("reactor") && !outcome.addedWords.contains("leak"))
    #expect(outcome.addedWords.contains("coolant"))
    #expect(outcome.query.units.count == 2 + outcome.addedWords.count)
    #expect(outcome.unitWeights.count == outcome.query.units.count)
    #expect(outcome.unitWeights[0] > 1 && outcome.unitWeights[1] > 1)
    // An added word weighs less than a typed one: the heaviest 0.4 of it.
    #expect(outcome.unitWeights.dropFirst(2).allSatisfy { $0 > 0 && $0 <= FeedbackExpander.addedWeight })
  }

  @Test func noResultsAddNothing() throws {
    let query = try QueryParser().parse("reactor")
    let outcome = try expander.expand(query, documents: [])
    #expect(outcome.query == query && outcome.unitWeights == [1] && outcome.addedWords.isEmpty)
  }

  @Test func phraseWeightsFollowTheExpressionsPhrases() throws {
    // Two units: an OR group of two phrases, then one phrase; FTS5 numbers the phrases in
    // the order the expression writes them.
    let query = try QueryParser().parse("Idlib OR Idleb zone")
    #expect(FTS5QueryCompiler.matchExpression(for: query) == #"(("Idlib" OR "Idleb") OR "zone")"#)
    #expect(FTS5QueryCompiler.phraseWeights(for: query, unitWeights: [2, 0.5]) == [2, 2, 0.5])
  }

  @Test func feedbackFindsTheStoryToldWithoutTheTypedWord() throws {
    for grouped in [false, true] {
      let plain = try searcher.search("reactor", options: Searcher.Options(groupByArticle: grouped))
      #expect(Set(plain.hits.map(\.passage.articleID)) == ["reactor-pumps", "reactor-core"])
      var options = Searcher.Options(groupByArticle: grouped)
      options.feedback = true
      let expanded = try searcher.search("reactor", options: options)
      let ranked = expanded.hits.map(\.passage.articleID)
      // The articles with the word typed stay first; the one sharing their vocabulary follows.
      // "pumps" is in every passage, so it is not added, and the petrol prices stay out.
      #expect(Set(ranked.prefix(2)) == ["reactor-pumps", "reactor-core"], "grouped: \(grouped)")
      #expect(ranked.dropFirst(2) == ["no-word"], "grouped: \(grouped)")
      #expect(expanded.feedbackWords.contains("coolant") && expanded.feedbackWords.map { $0.lowercased() }.contains("engineers"))
      #expect(!expanded.feedbackWords.contains("reactor") && !expanded.feedbackWords.contains("pumps"))
    }
  }
}
