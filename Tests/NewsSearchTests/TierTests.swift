import Foundation
import NewsStore
import Testing

@testable import NewsSearch

/// The first tier of passage search ("every word as typed, in the text") read off each row's
/// phrases by `newstier`, against the second MATCH it replaces.
@Suite struct TierTests {
  let searcher: Searcher

  init() throws {
    searcher = Searcher(reader: try indexedArchive(of: RankingTests.articles).makeReader())
  }

  func query(_ units: [QueryUnit], excluding exclusions: [QueryUnit] = []) -> SearchQuery {
    SearchQuery(units: units, exclusions: exclusions)
  }

  @Test func unitsPointAtTheMatchExpressionsPhrases() {
    let aleppo = QueryUnit.word("aleppo"), ceasefire = QueryUnit.word("ceasefire")
    let idlib = QueryUnit.word("idlib"), idleb = QueryUnit.word("idleb")
    // Typed as matched: each unit its own phrase, in the text (column 1).
    #expect(FTS5QueryCompiler.tierUnits(of: query([ceasefire, aleppo]), in: query([ceasefire, aleppo])) == "0:1;1:1")
    // A unit in the title is looked for there (column 0).
    #expect(
      FTS5QueryCompiler.tierUnits(of: query([.inTitle(ceasefire), aleppo]), in: query([.inTitle(ceasefire), aleppo]))
        == "0:0;1:1")
    // Respelled: only the typed spelling counts, wherever the expansion put it.
    #expect(FTS5QueryCompiler.tierUnits(of: query([idlib]), in: query([.either([idleb, idlib]), aleppo])) == "1:1")
    // Feedback words come after the typed ones and are not part of the tier.
    #expect(FTS5QueryCompiler.tierUnits(of: query([idlib]), in: query([idlib, aleppo, ceasefire])) == "0:1")
  }

  @Test func withoutAPhraseToReadTheTierNeedsItsOwnMatch() {
    let aleppo = QueryUnit.word("aleppo"), idlib = QueryUnit.word("idlib")
    // The typed word is not among the match expression's phrases.
    #expect(FTS5QueryCompiler.tierUnits(of: query([idlib]), in: query([aleppo])) == nil)
    // It is, but only under a title filter, where its text occurrences are not reported.
    #expect(FTS5QueryCompiler.tierUnits(of: query([idlib]), in: query([.inTitle(idlib)])) == nil)
    // Exclusions the match expression does not apply.
    #expect(FTS5QueryCompiler.tierUnits(of: query([idlib], excluding: [aleppo]), in: query([idlib])) == nil)
    // A title-only query has no tier at all.
    #expect(FTS5QueryCompiler.tierUnits(of: query([.inTitle(idlib)]), in: query([.inTitle(idlib)])) == nil)
  }

  @Test(arguments: [
    "ceasefire aleppo", "shelling", "title:ceasefire talks", "syria convoys", "\"the rains\" farms",
    "sochi OR idlib", "envoy -weather", "drought* north", "title:notes syria", "ceasefire OR shelling market",
  ])
  func readingTheRowsPhrasesRanksAsTheSecondMatchDid(text: String) throws {
    let typed = try QueryParser().parse(text)
    var options = Searcher.Options()
    options.limit = 50
    let withPhrases = searcher.passageQuery(for: typed, tieredBy: typed, options: options)
    #expect(withPhrases.tierUnits != nil, "\(text) should read its tier off the phrases")
    var withMatch = withPhrases
    withMatch.tierUnits = nil
    let reader = searcher.reader
    let fast = try reader.search(withPhrases), slow = try reader.search(withMatch)
    #expect(fast.totalMatches == slow.totalMatches)
    #expect(fast.hits.map(\.paragraphID) == slow.hits.map(\.paragraphID), "\(text)")
    #expect(fast.hits.map(\.matchesAllTerms) == slow.hits.map(\.matchesAllTerms), "\(text)")
  }

  @Test func theTierSplitsAQuerysMatches() throws {
    let results = try searcher.search("ceasefire aleppo")
    // "tier-both" holds both words; "tier-one" only the ceasefire.
    #expect(results.hits.first?.passage.articleID == "tier-both")
    #expect(results.hits.first?.matchesAllTermsInSomeSpelling == true)
    #expect(results.hits.dropFirst().allSatisfy { !$0.passage.matchesAllTerms })
  }
}

/// Grouped search's first tier: an article ranks first when one of its passages holds every
/// word typed, not when its passages hold them between them.
@Suite struct GroupedTierTests {
  @Test func wordsScatteredOverAnArticleDoNotPutItFirst() throws {
    let articles: [TestArticle] = [
      // "soy" and "meal" far apart, in a digest of unrelated items.
      ("digest", "Market Digest",
       "Soy futures were steady in Chicago on light trading.\n\nIn other news, the school meal programme was extended for a year."),
      // About soy meal, in one paragraph.
      ("story", "Exporters Ship More", "Soy meal shipments rose as crushers raised output."),
      // About one of the words only.
      ("other", "Soy Prices", "Soy prices rose on strong export demand and tight stocks of soy."),
    ]
    let searcher = Searcher(reader: try indexedArchive(of: articles).makeReader())
    let results = try searcher.search("soy meal", options: Searcher.Options(groupByArticle: true))
    let tiers = Dictionary(uniqueKeysWithValues: results.hits.map { ($0.passage.articleID, $0.passage.matchesAllTerms) })
    #expect(tiers == ["story": true, "digest": false, "other": false])
    #expect(results.hits.first?.passage.articleID == "story")
  }
}
