import Foundation
import NewsModel
import NewsStore
import Testing

@testable import NewsSearch

/// Any string typed as a query either runs or fails with our documented query error: never a
/// crash and never a raw SQLite message.
@Suite struct QueryFuzzTests {
  static let pieces: [String] = [
    "\"", "'", "“", "”", "(", ")", "*", "^", ":", "-", "+", "{", "}", "[", "]", ",", ".", ";", "\\",
    "AND", "OR", "NOT", "NEAR", "NEAR(", "and", "or", "title:", "text:", "col:", "rank:", "-title:",
    "Idlib", "de-escalation", "al-Sham", "Nu’man", "café", "Ünïcödé", "дамаск", "دمشق", "東京",
    "😀", "🇸🇾", "\u{0}", "\u{7}", "\u{1B}[31m", "\u{202E}", "\u{FEFF}", "\u{10FFFF}", " ", "  ",
    "\t", "\n", "SELECT * FROM article", "'; DROP TABLE article; --", "%", "_", "?", "*)", "0", "42",
  ]

  /// A deterministic generator, so a failure can be replayed.
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  }

  /// 10,000 in CI; `Tools/fuzz-queries.sh` runs 100,000 (NEWSINDEX_FUZZ_QUERIES).
  static let queryCount = Int(ProcessInfo.processInfo.environment["NEWSINDEX_FUZZ_QUERIES"] ?? "") ?? 10_000

  @Test func randomQueriesRunOrFailCleanly() throws {
    let archive = try Archive.inMemory()
    var articles: [Article] = []
    for number in 0..<25 {
      articles.append(
        Article(
          id: "a\(number)", sourceID: nil, title: "Idlib report \(number)",
          date: ArticleDate(year: 2019, month: 1, day: 1 + number), source: "Desk", location: "f",
          url: nil,
          passages: ["The Idlib de-escalation zone, al-Sham and Maarrat al-Nu’man café \(number).", "Second 😀 дамаск."]))
    }
    _ = try archive.makeWriter().write(articles)
    let searcher = Searcher(reader: archive.makeReader())
    var generator = SplitMix(state: 2026)
    var ran = 0
    var refused = 0
    for _ in 0..<QueryFuzzTests.queryCount {
      var query = ""
      for _ in 0..<(1 + generator.below(8)) {
        query += QueryFuzzTests.pieces[generator.below(QueryFuzzTests.pieces.count)]
        if generator.below(3) == 0 { query += " " }
      }
      do {
        _ = try searcher.search(query, options: .init(limit: 3))
        ran += 1
      } catch let error as QueryError {
        #expect(!error.description.isEmpty)
        refused += 1
      } catch {
        Issue.record("query \(query.debugDescription) failed with \(error)")
      }
    }
    #expect(ran + refused == QueryFuzzTests.queryCount)
    #expect(ran > QueryFuzzTests.queryCount / 2)
  }

  @Test func tenThousandCharacterQueryRuns() throws {
    let archive = try Archive.inMemory()
    _ = try archive.makeWriter().write([
      Article(id: "a", sourceID: nil, title: "T", date: nil, source: nil, location: "f", url: nil, passages: ["Idlib"])
    ])
    let long = String(repeating: "Idlib ", count: 1_700)
    #expect(long.count > 10_000)
    let results = try Searcher(reader: archive.makeReader()).search(long)
    #expect(results.hits.count == 1)
    let oneWord = String(repeating: "x", count: 10_000)
    #expect(try Searcher(reader: archive.makeReader()).search(oneWord).hits.isEmpty)
  }
}
