import Foundation
import NewsIngest
import NewsStore
import NewsTestSupport
import Testing

@testable import NewsSearch

/// A small collection indexed end to end (JSON Lines → ingest → store), and exact rankings
/// that each ranking rule decides: the all-words tier, the title weight, length
/// normalisation, whole-article ranking for grouped results, a word in most articles, and
/// stopwords.
@Suite struct RankingTests {
  static let articles: [TestArticle] = [
    ("tier-both", "Market Report", "A ceasefire held in Aleppo on Monday despite some shelling, traders in the old covered market said on Tuesday, and the prices of bread, fuel, sugar and rice fell for the first time in many weeks across the city."),
    (
      "tier-many", "Shelling Continues",
      "Shelling, shelling and more shelling near the front line; the shelling did not stop all night."
    ),
    ("tier-one", "Ceasefire Talks", "Negotiators met again in Geneva to discuss a ceasefire for the country."),
    ("title-word", "Drought Returns", "The rains failed again this year in the north of drought-hit farms, farmers said."),
    ("text-word", "Farm Prices", "The rains failed again this year in the north of drought-hit farms, farmers said."),
    ("short", "Notes", "Syria said convoys crossed."),
    (
      "long", "More Notes",
      "Syria said that the convoys which had waited for several days at the border crossing finally crossed into the province."
    ),
    (
      "spread", "Two Halves",
      "The envoy arrived in Sochi late on Tuesday for the summit.\n\nOn Wednesday the talks turned to Syria and the buffer zone around Idlib."
    ),
    ("single", "One Half", "Sochi hosted the summit, and the envoy spoke to reporters at length about the weather in Sochi."),
  ]

  let searcher: Searcher

  init() throws {
    searcher = Searcher(reader: try indexedArchive(of: RankingTests.articles).makeReader())
  }

  func ranking(_ query: String, grouped: Bool = false, limit: Int = 10) throws -> [String] {
    try searcher.search(query, options: Searcher.Options(limit: limit, groupByArticle: grouped))
      .hits.map(\.passage.articleID)
  }

  @Test func passagesHoldingEveryWordComeFirst() throws {
    // "tier-many" and "tier-one" have one of the words in their title and again in their
    // text, and outscore "tier-both" on BM25 alone (checked below without the tier).
    #expect(try ranking("ceasefire shelling") == ["tier-both", "tier-many", "tier-one"])
    let scores = try searcher.search("ceasefire shelling").hits.map(\.passage.score)
    #expect(scores[0] < scores[1])
  }

  @Test func aTitleMatchAddsToTheSameText() throws {
    // Same text; one title names the word too. (A passage whose text lacks the word ranks
    // after every passage that has it: the first tier looks at the passage's own text.)
    let ranked = try ranking("drought")
    #expect(ranked == ["title-word", "text-word"])
  }

  @Test func theShorterPassageWinsAtEqualCounts() throws {
    #expect(try ranking("convoys crossed") == ["short", "long"])
  }

  @Test func groupedResultsRankArticlesAsWholes() throws {
    // "spread" names both words, in different paragraphs; "single" names one of them twice.
    // Passage by passage "single" would come first; as wholes, "spread" holds both words.
    #expect(try ranking("Sochi Idlib", grouped: true).prefix(2) == ["spread", "single"])
  }

  @Test func aWordInMostArticlesStillRanks() throws {
    // "said" is in 5 of the 9 articles; its weight is small but not zero, so the counts and
    // lengths still order them, and every one is returned.
    let ranked = try ranking("said")
    #expect(ranked.count == 5)
    #expect(ranked.first == "short")
  }

  @Test func stopwordsDoNotChangeTheRanking() throws {
    #expect(try ranking("what is the drought") == ranking("drought"))
  }
}
