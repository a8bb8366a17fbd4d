import Foundation
import NewsIngest
import NewsStore
import NewsTestSupport
import Testing

@testable import NewsSearch

/// The text of each match, for checks that read like what the user sees.
func matchedText(_ hit: Searcher.Hit) -> [String] {
  let scalars = Array(hit.passage.text.unicodeScalars)
  return hit.passage.matches.map { String(String.UnicodeScalarView(scalars[$0])) }
}

@Suite(.enabled(if: SharedCorpora.seedIsPresent, "\(SharedCorpora.absentMessage)"))
struct SeedArticleTests {
  let searcher: Searcher

  init() throws {
    let archive = try Archive.inMemory()
    let summary = try IngestPipeline(writer: archive.makeWriter()).run(paths: [SharedCorpora.seed])
    #expect(summary.articlesAdded == 1)
    searcher = Searcher(reader: archive.makeReader())
  }

  @Test func idlibDeEscalationRanksTheZoneParagraphFirst() throws {
    let results = try searcher.search("Idlib de-escalation")
    let first = try #require(results.hits.first)
    #expect(first.passage.text.hasPrefix("Another growing point of instability in the so-called Idlib de-escalation zone"))
    #expect(first.passage.matchesAllTerms)
    let matched = matchedText(first)
    #expect(matched.contains("Idlib"))
    #expect(matched.contains("de-escalation"))
  }

  @Test func lavrovFindsHisQuote() throws {
    let results = try searcher.search("Lavrov")
    #expect(results.hits.count == 1)
    #expect(results.hits[0].passage.text.contains("Foreign Minister Sergey Lavrov said"))
    #expect(matchedText(results.hits[0]) == ["Lavrov"])
  }

  @Test func nameSplitAcrossALineEndIsFoundWithAnASCIIApostrophe() throws {
    let results = try searcher.search("Maarrat al-Nu'man")
    let first = try #require(results.hits.first)
    #expect(first.passage.text.contains("Maarrat al-Nu’man"))
    #expect(first.passage.matchesAllTerms)
  }

  @Test func titleSpansTwoLinesAndParagraphsAreNotGlued() throws {
    let results = try searcher.search("Legrier")
    #expect(results.hits.first?.passage.title == "Video: French Officer Is Punished for Revealing Truth About US Role in “Defeating ISIS” in Syria")
    let colonel = try #require(results.hits.first { $0.passage.text.hasPrefix("Colonel Francois-Regis Legrier") })
    #expect(!colonel.passage.text.contains("country."))
  }

  @Test func plainEnglishQuestionStillFindsTheAnswer() throws {
    let results = try searcher.search("what did the Kremlin say about joint patrols")
    #expect(results.hits.count >= 2)
    let texts = results.hits.prefix(2).map(\.passage.text)
    #expect(texts.contains { $0.contains("Kremlin spokesman Dmitry Peskov") })
    #expect(texts.contains { $0.contains("joint patrol") })
  }
}

@Suite(.enabled(if: SharedCorpora.fakesIsPresent, "\(SharedCorpora.absentMessage)"))
struct FakesCorpusTests {
  @Test func everyDistinctUnitIDIsAnArticleAndHitsArePassages() throws {
    let archive = try Archive.inMemory()
    let summary = try IngestPipeline(writer: archive.makeWriter()).run(paths: [SharedCorpora.fakes])
    #expect(summary.skipped.isEmpty)
    #expect(summary.filesDecodedWithFallback == [SharedCorpora.fakes])
    let statistics = try archive.makeReader().statistics()
    #expect(statistics.articles == 792)
    #expect(statistics.datedArticles == 792)
    #expect(statistics.paragraphs > 3 * 792 - 200)

    let results = try Searcher(reader: archive.makeReader()).search("Idlib de-escalation", options: .init(limit: 20))
    #expect(results.hits.count == 20)
    for hit in results.hits {
      let words = hit.passage.text.split(separator: " ").count
      #expect(words <= 160, "a passage, not a whole article: \(words) words")
    }
    #expect(results.hits[0].passage.matchesAllTerms)
  }
}

@Suite struct CorpusTests {
  @Test func sampleArchiveIndexesCleanly() throws {
    let archive = try Archive.inMemory()
    let summary = try IngestPipeline(writer: archive.makeWriter()).run(paths: [SharedCorpora.corpus])
    #expect(summary.skipped.isEmpty)
    #expect(summary.articlesAdded >= 30)
    let searcher = Searcher(reader: archive.makeReader())
    let results = try searcher.search("Idlib de-escalation")
    let first = try #require(results.hits.first)
    #expect(first.passage.matchesAllTerms)
    #expect(first.passage.date != nil)
    #expect(first.passage.source != nil)
    // Line-end hyphens of real names were kept, broken words were joined.
    let names = try searcher.search(#""Hayat Tahrir al-Sham""#)
    #expect(!names.hits.isEmpty)
  }
}
