import Foundation
import GRDB

/// What `newsindex check` found.
public struct CheckReport: Sendable, Equatable {
  public var articles = 0
  public var paragraphs = 0
  public var entities = 0
  public var mentions = 0
  /// Each problem in one line; empty when the index is sound.
  public var problems: [String] = []
  public var isSound: Bool { problems.isEmpty }
}

/// Integrity checks and compaction: `newsindex check` and `newsindex optimize`.
extension Archive {
  /// SQLite's `integrity_check`, FTS5's `integrity-check` of both indexes against their
  /// content, the counts and cross-references the schema cannot enforce, and the counts kept
  /// for speed (``countProblems(in:)``).
  public func check() throws(StoreError) -> CheckReport {
    do {
      return try database.write { db in
        var report = CheckReport()
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity != ["ok"] {
          report.problems += integrity.prefix(10).map { "SQLite integrity check: \($0)" }
        }
        for table in ["paragraphFTS", "entityFTS"] {
          do {
            try db.execute(sql: "INSERT INTO \(table)(\(table), rank) VALUES('integrity-check', 1)")
          } catch {
            report.problems.append("full-text index \(table) does not match its content; run 'newsindex optimize' to rebuild it")
          }
        }
        report.articles = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0
        report.paragraphs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paragraph") ?? 0
        report.entities = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entity") ?? 0
        report.mentions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention") ?? 0
        let checks: [(sql: String, problem: String)] = [
          (
            "SELECT COUNT(*) FROM paragraph WHERE NOT EXISTS (SELECT 1 FROM article WHERE article.id = paragraph.articleID)",
            "paragraphs without an article"
          ),
          (
            """
            SELECT COUNT(*) FROM article WHERE paragraphCount <>
              (SELECT COUNT(*) FROM paragraph WHERE paragraph.articleID = article.id)
            """,
            "articles whose paragraph count is wrong"
          ),
          (
            "SELECT COUNT(*) FROM mention WHERE NOT EXISTS (SELECT 1 FROM paragraph WHERE paragraph.id = mention.paragraphID)",
            "mentions of missing paragraphs"
          ),
          (
            "SELECT COUNT(*) FROM mention WHERE NOT EXISTS (SELECT 1 FROM entity WHERE entity.id = mention.entityID)",
            "mentions of missing entities"
          ),
          (
            "SELECT COUNT(*) FROM (SELECT rowid FROM paragraphFTS_docsize EXCEPT SELECT id FROM paragraph)",
            "index rows without a paragraph"
          ),
        ]
        for check in checks {
          let count = try Int.fetchOne(db, sql: check.sql) ?? 0
          if count > 0 { report.problems.append("\(count) \(check.problem)") }
        }
        let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        if !foreignKeys.isEmpty { report.problems.append("\(foreignKeys.count) rows break a foreign key") }
        report.problems += try Archive.countProblems(in: db)
        return report
      }
    } catch {
      throw StoreError.wrapping(error, path: path, writing: false)
    }
  }

  /// The counts kept for speed, against what they count: each article's length in tokens
  /// (`ArticleLength`) and each entity's mentions, articles and dates (`updateEntityCounts`).
  ///
  /// Entity counts that a killed or failed run left pending (the next run brings them up to
  /// date) are not compared: they are behind by design. Nothing is written, so that `check`
  /// works on a full disk too.
  static func countProblems(in db: Database) throws -> [String] {
    var problems: [String] = []
    let remedy = "run 'newsindex optimize' to count them again"
    let lengths = try ArticleLength.ofEveryArticle(in: db)
    var wrongLengths = 0
    let stored = try Row.fetchCursor(db, sql: "SELECT id, tokenCount FROM article")
    while let row = try stored.next() {
      let id: Int64 = row[0], count: Int = row[1]
      if count != lengths[id] ?? 0 { wrongLengths += 1 }
    }
    if wrongLengths > 0 { problems.append("\(wrongLengths) articles whose length in tokens is wrong; \(remedy)") }

    let pending =
      try Bool.fetchOne(
        db,
        sql: """
          SELECT (SELECT countedThrough FROM entityCountState) < (SELECT coalesce(max(id), 0) FROM paragraph)
            OR EXISTS (SELECT 1 FROM entityRecount) OR EXISTS (SELECT 1 FROM removedParagraph)
          """) ?? false
    guard !pending else { return problems }
    let wrongEntities =
      try Int.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) FROM entity LEFT JOIN (
            SELECT \(ArchiveWriter.countColumns)
            FROM mention AS m JOIN paragraph AS p ON p.id = m.paragraphID JOIN article AS a ON a.id = p.articleID
            GROUP BY m.entityID
          ) AS counted ON counted.id = entity.id
          WHERE entity.mentions IS NOT coalesce(counted.mentions, 0)
            OR entity.articles IS NOT coalesce(counted.articles, 0)
            OR entity.firstDate IS NOT counted.firstDate OR entity.lastDate IS NOT counted.lastDate
          """) ?? 0
    if wrongEntities > 0 { problems.append("\(wrongEntities) entities whose counts are wrong; \(remedy)") }
    return problems
  }

  /// Merges each FTS5 index into one segment, rebuilds the entity index from its tables,
  /// counts article lengths and entity counts again, and VACUUMs the file. Returns the file
  /// size before and after, in bytes.
  public func optimize() throws(StoreError) -> (before: Int, after: Int) {
    do {
      let before = try fileSize()
      try database.write { db in
        try db.execute(sql: "INSERT INTO paragraphFTS(paragraphFTS) VALUES('optimize')")
        try db.execute(sql: "INSERT INTO entityFTS(entityFTS) VALUES('optimize')")
        try ArticleLength.fill(in: db)
        // Every entity from scratch: the next update finds nothing counted yet.
        try db.execute(
          sql: """
            UPDATE entity SET mentions = 0, articles = 0, firstDate = NULL, lastDate = NULL;
            DELETE FROM entityRecount;
            DELETE FROM removedParagraph;
            UPDATE entityCountState SET countedThrough = 0;
            """)
        try ArchiveWriter.updateEntityCounts(in: db)
      }
      try database.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        try db.execute(sql: "VACUUM")
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
      return (before, try fileSize())
    } catch {
      throw StoreError.wrapping(error, path: path, writing: true)
    }
  }

  /// Bytes of the database file and its write-ahead log.
  func fileSize() throws -> Int {
    var total = 0
    for suffix in ["", "-wal"] {
      let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
      total += (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }
    return total
  }
}
