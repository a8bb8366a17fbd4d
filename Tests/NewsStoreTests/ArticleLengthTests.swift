import Foundation
import GRDB
import NewsModel
import Testing

@testable import NewsStore

/// Article lengths (`article.tokenCount`), which grouped search ranks articles by, and grouped
/// search on an archive indexed before they were stored.
@Suite struct ArticleLengthTests {
  func article(_ id: String, title: String, passages: [String]) -> Article {
    Article(
      id: id, sourceID: id, title: title, date: nil, source: nil, location: "\(id).txt", url: nil,
      passages: passages)
  }

  func lengths(_ archive: Archive) throws -> [String: Int] {
    try archive.database.read { db in
      var lengths: [String: Int] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT publicID, tokenCount FROM article") {
        lengths[row[0]] = row[1]
      }
      return lengths
    }
  }

  @Test func lengthIsTheTitleOnceAndEveryPassage() throws {
    let archive = try Archive.inMemory()
    _ = try archive.makeWriter().write([
      article("a", title: "Two Words", passages: ["One two three.", "Four, five: six-seven!"]),
      article("b", title: "", passages: ["Aleppó's 3 districts"]),
    ])
    // 2 title tokens + 3 + 4 ("six-seven" is two); "Aleppó's" is "aleppó" and "s".
    #expect(try lengths(archive) == ["a": 9, "b": 4])
  }

  @Test func aChangedArticleGetsItsNewLength() throws {
    let archive = try Archive.inMemory()
    let writer = archive.makeWriter()
    _ = try writer.write([article("a", title: "Title", passages: ["One two."])])
    #expect(try writer.write([article("a", title: "Title", passages: ["One two three four.", "Five."])]) == [.updated])
    #expect(try lengths(archive) == ["a": 6])
  }

  @Test func anArchiveFromBeforeTheLengthsGroupsTheSameAndIsUpgraded() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsindex-lengths-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.db").path
    // An archive as the previous release left it, with its whole-article index.
    do {
      let queue = try DatabaseQueue(path: path)
      try Schema.migrator.migrate(queue, upTo: Schema.entityCountsMigration)
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO article(id, publicID, title, location, contentHash, paragraphCount) VALUES
              (1, 'long', 'Shelling', 'a.txt', 'h1', 2), (2, 'short', 'Report', 'b.txt', 'h2', 1);
            INSERT INTO paragraph(id, articleID, position, text) VALUES
              (1, 1, 0, 'Shelling near Idlib went on all night and into the morning.'),
              (2, 1, 1, 'Residents said the shelling was the worst this year.'),
              (3, 2, 0, 'Shelling near Idlib.');
            INSERT INTO paragraphFTS(rowid, title, text) SELECT id, title, text FROM paragraphContent;
            CREATE VIRTUAL TABLE articleFTS USING fts5(title, text, content = '');
            """)
      }
    }
    let query = PassageQuery(
      matchExpression: "\"shelling\" OR \"idlib\"", limit: 10, groupByArticle: true)
    let old = try Archive.openForReading(path: path).makeReader().search(query)
    let upgraded = try Archive.openForWriting(path: path)
    #expect(try lengths(upgraded) == ["long": 21, "short": 4])
    let new = try upgraded.makeReader().search(query)
    #expect(old.hits.map(\.articleID) == new.hits.map(\.articleID))
    #expect(old.hits.map(\.score) == new.hits.map(\.score))
    #expect(new.hits.map(\.otherMatchesInArticle) == [1, 0] || new.hits.map(\.otherMatchesInArticle) == [0, 1])
    let hasArticleIndex = try upgraded.database.read { db in try db.tableExists("articleFTS") }
    #expect(!hasArticleIndex)
  }
}
