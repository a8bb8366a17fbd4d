import Foundation
import GRDB
import NewsModel
import Testing

@testable import NewsStore

@Suite struct ArchiveWriterTests {
  let archive: Archive

  init() throws {
    archive = try Archive.inMemory()
  }

  func article(_ id: String, title: String = "Title", passages: [String], ownsLocation: Bool = false, location: String = "f.txt")
    -> Article
  {
    Article(
      id: id, sourceID: id, title: title, date: ArticleDate(year: 2019, month: 2, day: 18),
      source: "Desk", location: location, url: nil, passages: passages, ownsLocation: ownsLocation)
  }

  /// FTS5's own check, comparing the index with the content it was built from.
  func indexIsConsistent() throws -> Bool {
    do {
      try archive.database.write { db in
        try db.execute(sql: "INSERT INTO paragraphFTS(paragraphFTS, rank) VALUES('integrity-check', 1)")
      }
      return true
    } catch {
      return false
    }
  }

  func matches(_ expression: String) throws -> [String] {
    try archive.database.read { db in
      try String.fetchAll(
        db,
        sql: "SELECT text FROM paragraphContent WHERE id IN (SELECT rowid FROM paragraphFTS WHERE paragraphFTS MATCH ?) ORDER BY id",
        arguments: [expression])
    }
  }

  @Test func addsUpdatesAndLeavesUnchanged() throws {
    let writer = archive.makeWriter()
    #expect(try writer.write([article("a", passages: ["Shelling hit Idlib."])]) == [.added])
    #expect(try writer.write([article("a", passages: ["Shelling hit Idlib."])]) == [.unchanged])
    #expect(try writer.write([article("a", passages: ["Shelling hit Hama.", "Second."])]) == [.updated])
    #expect(try matches("idlib").isEmpty)
    #expect(try matches("hama") == ["Shelling hit Hama."])
    #expect(try indexIsConsistent())
  }

  @Test func titleIsSearchableForEveryParagraph() throws {
    _ = try archive.makeWriter().write([article("a", title: "Palmyra retaken", passages: ["One.", "Two."])])
    #expect(try matches("title : palmyra") == ["One.", "Two."])
    #expect(try matches("text : palmyra").isEmpty)
  }

  @Test func newVersionOfAFileReplacesTheOldArticle() throws {
    let writer = archive.makeWriter()
    _ = try writer.write([article("hash1", passages: ["Old text."], ownsLocation: true, location: "/a/story.txt")])
    let outcome = try writer.write([article("hash2", passages: ["New text."], ownsLocation: true, location: "/a/story.txt")])
    #expect(outcome == [.updated])
    #expect(try archive.makeReader().statistics().articles == 1)
    #expect(try matches("old").isEmpty)
    #expect(try indexIsConsistent())
  }

  @Test func paragraphRowidsAscendInLoadOrder() throws {
    _ = try archive.makeWriter().write([article("a", passages: ["1", "2"]), article("b", passages: ["3"])])
    let ids = try archive.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM paragraph ORDER BY rowid") }
    #expect(ids == ids.sorted())
  }
}

@Suite struct ArchiveReaderTests {
  @Test(arguments: [
    ("no marks", [Range<Int>]()),
    ("\u{1}Idlib\u{2} zone", [0..<5]),
    ("the \u{1}de-escalation\u{2} zone in \u{1}Idlib\u{2}", [4..<17, 26..<31]),
    ("“\u{1}Nu’man\u{2}”", [1..<7]),  // offsets count code points, not bytes
    ("😀 \u{1}x\u{2}", [2..<3]),
  ])
  func matchRangesAreCodePointOffsets(marked: String, expected: [Range<Int>]) {
    #expect(ArchiveReader.matchRanges(inMarkedText: marked) == expected)
  }

  @Test func searchRanksCompleteMatchesFirstAndFilters() throws {
    let archive = try Archive.inMemory()
    var articles: [Article] = []
    // Enough rows that bm25's IDF is not clamped to zero.
    for number in 0..<30 {
      articles.append(
        Article(
          id: "filler\(number)", sourceID: nil, title: "Market report \(number)",
          date: ArticleDate(year: 2018, month: 1, day: 1 + number % 28), source: "Wire",
          location: "f", url: nil, passages: ["Wheat prices were steady in Chicago trading."]))
    }
    articles.append(
      Article(
        id: "both", sourceID: nil, title: "Front line", date: ArticleDate(year: 2019, month: 2, day: 1),
        source: "Desk", location: "f", url: nil, passages: ["Idlib shelling continued near the zone."]))
    articles.append(
      Article(
        id: "one", sourceID: nil, title: "Other", date: ArticleDate(year: 2017, month: 5, day: 1),
        source: "Wire", location: "f", url: nil, passages: ["Idlib idlib idlib was quiet."]))
    _ = try archive.makeWriter().write(articles)
    let reader = archive.makeReader()
    let page = try reader.search(
      PassageQuery(matchExpression: #"("idlib" OR "shelling")"#, preferredExpression: #"(text : "idlib" AND text : "shelling")"#))
    #expect(page.hits.map(\.articleID) == ["both", "one"])
    #expect(page.hits.map(\.matchesAllTerms) == [true, false])
    #expect(page.totalMatches == 2)
    #expect(page.hits[0].matches == [0..<5, 6..<14])

    let since = try reader.search(PassageQuery(matchExpression: #""idlib""#, since: "2018-01-01"))
    #expect(since.hits.map(\.articleID) == ["both"])
    let source = try reader.search(PassageQuery(matchExpression: #""idlib""#, source: "wire"))
    #expect(source.hits.map(\.articleID) == ["one"])
    let beyond = try reader.search(PassageQuery(matchExpression: #""idlib""#, limit: 5, offset: 10))
    #expect(beyond.hits.isEmpty)
    #expect(beyond.totalMatches == 2)
  }
}

@Suite struct ArchiveFileTests {
  @Test func openingAMissingIndexForReadingSaysWhatToDo() throws {
    #expect(throws: StoreError.self) { try Archive.openForReading(path: "/nonexistent/x.db") }
    do {
      _ = try Archive.openForReading(path: "/nonexistent/x.db")
    } catch {
      #expect(error.description == "no index at /nonexistent/x.db; run 'newsindex index FOLDER' first, or pass --db PATH")
    }
  }

  @Test func aFileThatIsNotAnIndexIsRefused() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-an-index-\(UUID()).db").path
    try Data("just some text, not SQLite".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try Archive.openForReading(path: path)
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("\(path) is not a NewsIndex index"))
    }
  }
}

@Suite struct ArchiveCheckTests {
  @Test func soundIndexPassesAndDamageIsFound() throws {
    let archive = try Archive.inMemory()
    _ = try archive.makeWriter().write([
      Article(
        id: "a", sourceID: nil, title: "T", date: nil, source: nil, location: "f", url: nil,
        passages: ["Idlib shelling.", "Second paragraph."])
    ])
    let sound = try archive.check()
    #expect(sound.isSound)
    #expect(sound.paragraphs == 2)
    // A paragraph deleted behind the index's back: its FTS5 row now points at nothing.
    try archive.database.write { db in try db.execute(sql: "DELETE FROM paragraph WHERE position = 1") }
    let damaged = try archive.check()
    #expect(!damaged.isSound)
    #expect(damaged.problems.contains("1 articles whose paragraph count is wrong"))
    #expect(damaged.problems.contains("1 index rows without a paragraph"))
  }

  @Test func wrongKeptCountsAreFoundAndOptimizeCountsThemAgain() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("counts-\(UUID()).db").path
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    let archive = try Archive.openForWriting(path: path)
    let writer = archive.makeWriter()
    var article = Article(
      id: "a", sourceID: nil, title: "Shelling", date: ArticleDate(year: 2019, month: 2, day: 18), source: nil,
      location: "f", url: nil, passages: ["Idlib was shelled.", "Aid groups in Idlib said so."])
    article.mentions = [
      EntityMention(passage: 0, start: 0, end: 5, name: "Idlib", type: .place),
      EntityMention(passage: 1, start: 14, end: 19, name: "Idlib", type: .place),
    ]
    _ = try writer.write([article])
    // Before the run's end the entity counts are pending (as after a kill): not a problem.
    #expect(try archive.check().isSound)
    try writer.finishEntities()
    #expect(try archive.check().isSound)
    // The kept counts go wrong behind the writer's back.
    try archive.database.write { db in
      try db.execute(sql: "UPDATE article SET tokenCount = tokenCount + 1")
      try db.execute(sql: "UPDATE entity SET mentions = 5, lastDate = '2020-01-01'")
    }
    let damaged = try archive.check()
    #expect(
      damaged.problems == [
        "1 articles whose length in tokens is wrong; run 'newsindex optimize' to count them again",
        "1 entities whose counts are wrong; run 'newsindex optimize' to count them again",
      ])
    _ = try archive.optimize()
    #expect(try archive.check().isSound)
    let idlib = try archive.makeReader().topEntities(type: nil, limit: 1)
    #expect(idlib.first?.mentions == 2)
  }
}

@Suite struct DiskFullTests {
  @Test func aFullDiskFailsCleanlyAndKeepsWhatWasIndexed() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(UUID()).db").path
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    let archive = try Archive.openForWriting(path: path)
    let writer = archive.makeWriter()
    func article(_ id: String, words: Int) -> Article {
      let text = (0..<words).map { "word\($0 % 997)x\(id)" }.joined(separator: " ")
      return Article(id: id, sourceID: nil, title: "T", date: nil, source: nil, location: "f", url: nil, passages: [text])
    }
    _ = try writer.write([article("first", words: 50)])
    // SQLite's page limit stands in for a full disk: the same SQLITE_FULL error.
    try archive.database.writeWithoutTransaction { db in
      let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
      try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
    }
    do {
      _ = try writer.write((0..<50).map { article("big\($0)", words: 2_000) })
      Issue.record("expected the disk to be full")
    } catch {
      #expect(error == .diskFull(path: path))
      #expect(error.description.hasPrefix("the disk holding \(path) is full"))
    }
    let statistics = try archive.makeReader().statistics()
    #expect(statistics.articles == 1)
    #expect(try archive.check().isSound)
  }
}
