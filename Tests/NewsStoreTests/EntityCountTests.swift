import Foundation
import GRDB
import NewsModel
import Testing

@testable import NewsStore

/// The counts kept per entity (`ArchiveWriter+EntityCounts.swift`): exact after a first run,
/// after articles are replaced or removed, after a run that never finished, and after the
/// migration that fills them in an older archive.
@Suite struct EntityCountTests {
  let archive: Archive

  init() throws {
    archive = try Archive.inMemory()
  }

  /// An article of one-sentence passages; each name listed is a place mentioned where it first
  /// occurs in the passage that holds it.
  func article(
    _ id: String, date: ArticleDate?, _ passages: [String], places: [String] = [], location: String? = nil,
    ownsLocation: Bool = false
  ) -> Article {
    var article = Article(
      id: id, sourceID: nil, title: "Report", date: date, source: nil, location: location ?? "\(id).txt",
      url: nil, passages: passages, ownsLocation: ownsLocation)
    for name in places {
      for (index, text) in passages.enumerated() {
        guard let range = text.range(of: name) else { continue }
        let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
        article.mentions.append(
          EntityMention(
            passage: index, start: start, end: start + name.unicodeScalars.count, name: name, type: .place))
      }
    }
    return article
  }

  func day(_ year: Int, _ month: Int, _ day: Int) -> ArticleDate? {
    ArticleDate(year: year, month: month, day: day)
  }

  /// The counts as kept, by entity name.
  func kept() throws -> [String: EntitySummary] {
    try archive.database.read { db in
      try Row.fetchAll(db, sql: "SELECT \(ArchiveReader.storedSummaryColumns) FROM entity AS e")
        .map(ArchiveReader.summary)
    }.reduce(into: [:]) { $0[$1.name] = $1 }
  }

  /// The counts totalled from the mentions, as reading did before they were kept.
  func totalled() throws -> [String: EntitySummary] {
    try archive.database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT \(ArchiveReader.totalledSummaryColumns) \(ArchiveReader.summaryJoins) GROUP BY e.id
          """
      ).map(ArchiveReader.summary)
    }.reduce(into: [:]) { $0[$1.name] = $1 }
  }

  func summary(_ name: String, _ mentions: Int, _ articles: Int, _ first: String?, _ last: String?) throws
    -> EntitySummary
  {
    let id = try #require(try kept()[name]?.id, "\(name) is not in the index")
    return EntitySummary(
      id: id, name: name, type: .place, mentions: mentions, articles: articles, firstDate: first,
      lastDate: last)
  }

  @Test func aFirstRunCountsMentionsArticlesAndDates() throws {
    let writer = archive.makeWriter()
    _ = try writer.write([
      article(
        "a", date: day(2016, 12, 22), ["Shelling hit Idlib.", "Idlib and Hama were quiet."],
        places: ["Idlib", "Hama"]),
      article("b", date: day(2019, 2, 18), ["Convoys left Idlib."], places: ["Idlib"]),
      article("c", date: nil, ["Aid reached Hama."], places: ["Hama"]),
    ])
    try writer.finishEntities()
    let counts = try kept()
    #expect(counts["Idlib"] == (try summary("Idlib", 3, 2, "2016-12-22", "2019-02-18")))
    // An undated article counts as an article and leaves the date range alone.
    #expect(counts["Hama"] == (try summary("Hama", 2, 2, "2016-12-22", "2016-12-22")))
    #expect(counts == (try totalled()))
    let top = try archive.makeReader().topEntities(type: nil, limit: 10)
    #expect(top.map(\.name) == ["Idlib", "Hama"])
    #expect(try archive.makeReader().topEntities(type: .person, limit: 10).isEmpty)
  }

  @Test func countsStayExactWhenArticlesAreReplacedOrRemoved() throws {
    let writer = archive.makeWriter()
    _ = try writer.write([
      article("a", date: day(2016, 1, 5), ["Shelling hit Idlib and Hama."], places: ["Idlib", "Hama"]),
      article("b", date: day(2017, 6, 1), ["Talks in Sochi.", "Idlib again."], places: ["Sochi", "Idlib"]),
      article(
        "c", date: day(2018, 3, 9), ["Fighting near Hama."], places: ["Hama"], location: "c.txt",
        ownsLocation: true),
    ])
    try writer.finishEntities()
    #expect(try kept() == (try totalled()))

    // A changed version of "a" no longer names Hama and moves to a later date; the file c.txt
    // changed, so its article (whole file, new id) replaces the old one and names Aleppo.
    #expect(
      try writer.write([
        article("a", date: day(2018, 8, 1), ["Shelling hit Idlib.", "Idlib was quiet."], places: ["Idlib"]),
        article(
          "c2", date: day(2019, 4, 2), ["Fighting near Aleppo."], places: ["Aleppo"], location: "c.txt",
          ownsLocation: true),
      ]) == [.updated, .updated])
    try writer.finishEntities()
    let counts = try kept()
    #expect(counts == (try totalled()))
    #expect(counts["Idlib"] == (try summary("Idlib", 3, 2, "2017-06-01", "2018-08-01")))
    #expect(counts["Hama"] == nil)  // no mention left: the entity is gone
    #expect(counts["Aleppo"] == (try summary("Aleppo", 1, 1, "2019-04-02", "2019-04-02")))
    #expect(counts["Sochi"] == (try summary("Sochi", 1, 1, "2017-06-01", "2017-06-01")))
  }

  @Test func aSmallChangeCountsAgainOnlyTheEntitiesItTouched() throws {
    let writer = archive.makeWriter()
    _ = try writer.write(
      (0..<5).map { article("i\($0)", date: day(2017, 1, 1 + $0), ["Idlib."], places: ["Idlib"]) } + [
        article("g", date: day(2015, 3, 1), ["Kobane."], places: ["Kobane"]),
        article("f", date: day(2016, 3, 1), ["Kobane and Manbij."], places: ["Kobane", "Manbij"]),
      ])
    try writer.finishEntities()
    // Kobane and Manbij hold 3 of 8 mentions, under `recountShareForFullCount`: they alone are
    // counted again.
    #expect(3.0 / 8.0 < ArchiveWriter.recountShareForFullCount)
    _ = try writer.write([article("f", date: day(2019, 5, 1), ["Kobane again."], places: ["Kobane"])])
    try writer.finishEntities()
    let counts = try kept()
    #expect(counts == (try totalled()))
    #expect(counts["Kobane"] == (try summary("Kobane", 2, 2, "2015-03-01", "2019-05-01")))
    #expect(counts["Manbij"] == nil)
    #expect(counts["Idlib"] == (try summary("Idlib", 5, 5, "2017-01-01", "2017-01-05")))
  }

  @Test func paragraphIdsTakenAgainAreCounted() throws {
    // Replacing the last article frees the highest paragraph ids, and SQLite hands them out
    // again: the new version's mentions sit at or below the ids already counted.
    let writer = archive.makeWriter()
    _ = try writer.write([
      article("a", date: day(2016, 1, 5), ["Idlib."], places: ["Idlib"]),
      article("b", date: day(2017, 1, 5), ["Nothing named here.", "Nor here."]),
    ])
    try writer.finishEntities()
    _ = try writer.write([
      article(
        "b", date: day(2017, 1, 5), ["Talks in Sochi.", "Then Idlib.", "Then Hama."],
        places: ["Sochi", "Idlib", "Hama"])
    ])
    try writer.finishEntities()
    let counts = try kept()
    #expect(counts == (try totalled()))
    #expect(counts["Sochi"]?.mentions == 1)
    #expect(counts["Idlib"] == (try summary("Idlib", 2, 2, "2016-01-05", "2017-01-05")))
  }

  @Test func aRunThatNeverFinishedIsCountedByTheNext() throws {
    let writer = archive.makeWriter()
    _ = try writer.write([
      article("a", date: day(2016, 1, 5), ["Idlib and Hama."], places: ["Idlib", "Hama"])
    ])
    try writer.finishEntities()
    // Killed after a batch, before finishEntities: counts lag behind until the next run ends.
    _ = try writer.write([article("a", date: day(2016, 1, 5), ["Only Idlib now."], places: ["Idlib"])])
    _ = try writer.write([article("b", date: day(2018, 1, 5), ["Idlib."], places: ["Idlib"])])
    let next = archive.makeWriter()
    _ = try next.write([article("c", date: day(2019, 1, 5), ["Hama."], places: ["Hama"])])
    try next.finishEntities()
    let counts = try kept()
    #expect(counts == (try totalled()))
    #expect(counts["Idlib"] == (try summary("Idlib", 2, 2, "2016-01-05", "2018-01-05")))
    #expect(counts["Hama"] == (try summary("Hama", 1, 1, "2019-01-05", "2019-01-05")))
  }

  @Test func entitiesJoinedByADefinitionAreCountedTogether() throws {
    let writer = archive.makeWriter()
    var first = article("a", date: day(2016, 1, 5), ["The SAA advanced."])
    first.mentions = [EntityMention(passage: 0, start: 4, end: 7, name: "SAA", type: .organization)]
    _ = try writer.write([first])
    try writer.finishEntities()
    var second = article("b", date: day(2017, 1, 5), ["The Syrian Arab Army (SAA) advanced."])
    second.mentions = [
      EntityMention(passage: 0, start: 4, end: 20, name: "Syrian Arab Army", type: .organization)
    ]
    second.aliases = [
      EntityAlias(alias: "SAA", name: "Syrian Arab Army", type: .organization, isDefinition: true)
    ]
    _ = try writer.write([second])
    try writer.finishEntities()
    let counts = try kept()
    #expect(counts == (try totalled()))
    #expect(counts["SAA"] == nil)
    #expect(counts["Syrian Arab Army"]?.mentions == 2)
    #expect(counts["Syrian Arab Army"]?.articles == 2)
    #expect(counts["Syrian Arab Army"]?.firstDate == "2016-01-05")
  }

  @Test func lookUpAndCardReadTheKeptCounts() throws {
    let writer = archive.makeWriter()
    _ = try writer.write([
      article("a", date: day(2016, 1, 5), ["Idlib and Hama.", "Idlib."], places: ["Idlib", "Hama"]),
      article("b", date: day(2017, 1, 5), ["Idlib and Hama."], places: ["Idlib", "Hama"]),
    ])
    try writer.finishEntities()
    let reader = archive.makeReader()
    guard case .found(let idlib) = try reader.lookUpEntity("idlib") else {
      Issue.record("Idlib does not resolve")
      return
    }
    #expect(idlib == (try summary("Idlib", 3, 2, "2016-01-05", "2017-01-05")))
    let card = try reader.card(for: idlib)
    #expect(card.cooccurring.map(\.entity) == [try summary("Hama", 2, 2, "2016-01-05", "2017-01-05")])
    #expect(card.cooccurring.map(\.paragraphs) == [2])
    #expect(card.months.map(\.mentions) == [2, 1])
  }

  @Test func anArchiveFromBeforeTheCountsIsReadableAndCountedOnUpgrade() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsindex-counts-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.db").path
    // An archive as the previous release left it: every migration but the counts'.
    do {
      let queue = try DatabaseQueue(path: path)
      try Schema.migrator.migrate(queue, upTo: Schema.spellingKeyMigration)
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO article(id, publicID, title, date, location, contentHash, paragraphCount)
              VALUES (1, 'a', 'Report', '2016-12-22', 'a.txt', 'h1', 2), (2, 'b', 'Report', '2019-02-18', 'b.txt', 'h2', 1);
            INSERT INTO paragraph(id, articleID, position, text)
              VALUES (1, 1, 0, 'Idlib.'), (2, 1, 1, 'Idlib and Hama.'), (3, 2, 0, 'Hama.');
            INSERT INTO entity(id, name, type, nameKey) VALUES (1, 'Idlib', 'place', 'idlib'), (2, 'Hama', 'place', 'hama');
            INSERT INTO mention(paragraphID, start, "end", entityID) VALUES (1, 0, 5, 1), (2, 0, 5, 1), (2, 10, 14, 2), (3, 0, 4, 2);
            INSERT INTO entityFTS(rowid, name, aliases) VALUES (1, 'Idlib', NULL), (2, 'Hama', NULL);
            """)
      }
    }
    let expected = [
      EntitySummary(
        id: 1, name: "Idlib", type: .place, mentions: 2, articles: 1, firstDate: "2016-12-22",
        lastDate: "2016-12-22"),
      EntitySummary(
        id: 2, name: "Hama", type: .place, mentions: 2, articles: 2, firstDate: "2016-12-22",
        lastDate: "2019-02-18"),
    ]
    let old = try Archive.openForReading(path: path).makeReader()
    #expect(try old.topEntities(type: nil, limit: 10) == expected.sorted { $0.name < $1.name })
    #expect(try old.lookUpEntity("Hama") == .found(expected[1]))
    // Search's check for names that share a stem reads mention counts too.
    #expect(try old.oneWordEntityNames(keyPrefix: "ham").map { "\($0.name) \($0.mentions)" } == ["Hama 2"])

    let upgraded = try Archive.openForWriting(path: path).makeReader()
    #expect(try upgraded.topEntities(type: .place, limit: 10) == expected.sorted { $0.name < $1.name })
    #expect(try upgraded.lookUpEntity("Hama") == .found(expected[1]))
    #expect(try upgraded.card(for: expected[0]).cooccurring.map(\.entity) == [expected[1]])
  }
}
