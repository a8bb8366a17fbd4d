import GRDB
import NewsModel

/// Adds, replaces and keeps articles in the index, a batch per transaction.
///
/// Re-indexing is idempotent: an article whose id and content are unchanged is left alone;
/// a changed one has its paragraphs replaced. FTS5 rows are written by hand (two statements
/// per paragraph) rather than by triggers, which would double the load cost.
public final class ArchiveWriter {
  public enum Outcome: Sendable, Equatable {
    case added, updated, unchanged
  }

  let archive: Archive

  init(archive: Archive) {
    self.archive = archive
  }

  /// Writes `articles` in one transaction: either all of them land or none does.
  public func write(_ articles: [Article]) throws(StoreError) -> [Outcome] {
    do {
      return try archive.database.write { db in
        try articles.map { try write($0, in: db) }
      }
    } catch {
      throw StoreError.wrapping(error, path: archive.path, writing: true)
    }
  }

  private func write(_ article: Article, in db: Database) throws -> Outcome {
    let hash = article.contentHash
    if let existing = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT id, contentHash FROM article WHERE publicID = ?"),
      arguments: [article.id])
    {
      let rowID: Int64 = existing["id"]
      if existing["contentHash"] == hash {
        try db.cachedStatement(sql: "UPDATE article SET location = ? WHERE id = ? AND location <> ?")
          .execute(arguments: [article.location, rowID, article.location])
        return .unchanged
      }
      try removeParagraphs(ofArticle: rowID, in: db)
      try db.cachedStatement(
        sql: """
          UPDATE article SET sourceID = ?, title = ?, date = ?, source = ?, location = ?, url = ?,
            ownsLocation = ?, contentHash = ?, paragraphCount = ? WHERE id = ?
          """
      ).execute(arguments: [
        article.sourceID, article.title, article.date?.isoString, article.source, article.location,
        article.url, article.ownsLocation, hash, article.passages.count, rowID,
      ])
      try insertParagraphs(of: article, articleRowID: rowID, in: db)
      return .updated
    }

    var outcome = Outcome.added
    if article.ownsLocation,
      let previous = try Int64.fetchOne(
        db.cachedStatement(sql: "SELECT id FROM article WHERE ownsLocation AND location = ?"),
        arguments: [article.location])
    {
      // The file changed, so its content hash (its id) changed: the new version replaces the old.
      try removeParagraphs(ofArticle: previous, in: db)
      try db.cachedStatement(sql: "DELETE FROM article WHERE id = ?").execute(arguments: [previous])
      outcome = .updated
    }
    try db.cachedStatement(
      sql: """
        INSERT INTO article(publicID, sourceID, title, date, source, location, url, ownsLocation,
          contentHash, paragraphCount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      article.id, article.sourceID, article.title, article.date?.isoString, article.source,
      article.location, article.url, article.ownsLocation, hash, article.passages.count,
    ])
    try insertParagraphs(of: article, articleRowID: db.lastInsertedRowID, in: db)
    return outcome
  }

  private func insertParagraphs(of article: Article, articleRowID: Int64, in db: Database) throws {
    let insertParagraph = try db.cachedStatement(
      sql: "INSERT INTO paragraph(articleID, position, text) VALUES (?, ?, ?)")
    let insertIndexRow = try db.cachedStatement(
      sql: "INSERT INTO paragraphFTS(rowid, title, text) VALUES (?, ?, ?)")
    for (position, text) in article.passages.enumerated() {
      try insertParagraph.execute(arguments: [articleRowID, position, text])
      try insertIndexRow.execute(arguments: [db.lastInsertedRowID, article.title, text])
    }
  }

  /// Deletes an article's paragraphs and their index rows. An external-content FTS5 table
  /// needs the old values to delete a row, so they are read first.
  private func removeParagraphs(ofArticle articleRowID: Int64, in db: Database) throws {
    let rows = try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT paragraph.id, article.title, paragraph.text FROM paragraph
          JOIN article ON article.id = paragraph.articleID WHERE paragraph.articleID = ?
          """),
      arguments: [articleRowID])
    let deleteIndexRow = try db.cachedStatement(
      sql: "INSERT INTO paragraphFTS(paragraphFTS, rowid, title, text) VALUES ('delete', ?, ?, ?)")
    for row in rows {
      try deleteIndexRow.execute(arguments: [row[0], row[1], row[2]])
    }
    try db.cachedStatement(sql: "DELETE FROM paragraph WHERE articleID = ?")
      .execute(arguments: [articleRowID])
  }
}
