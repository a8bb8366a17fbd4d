import GRDB
import GRDBSQLite
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
  /// Entity row ids by name and by key, so that most mentions cost no lookup.
  ///
  /// Cleared when a transaction fails, since its rows are gone.
  var entityIDs = EntityIDCache()
  /// Mentions of the batch being written, inserted together at its end (see
  /// ``insertPendingMentions(in:)``).
  var pendingMentions: [MentionRow] = []
  /// Counts capitalisation along a run into an empty archive; dropped once a write does anything
  /// but add articles, since its counts then no longer match what the archive holds.
  var capitalisationCounter: CapitalisationCounter?

  init(archive: Archive) {
    self.archive = archive
  }

  /// Writes `articles` in one transaction: either all of them land or none does.
  public func write(_ articles: [Article]) throws(StoreError) -> [Outcome] {
    try write(articles, contentHashes: articles.map(\.contentHash))
  }

  /// Writes `articles`, whose ``Article/contentHash`` values the caller has computed: hashing
  /// every byte of text is better done on a thread other than the one waiting on SQLite.
  public func write(_ articles: [Article], contentHashes: [String]) throws(StoreError) -> [Outcome] {
    precondition(articles.count == contentHashes.count, "one content hash per article")
    do {
      let outcomes = try archive.database.write { db in
        let outcomes = try zip(articles, contentHashes).map { try write($0, contentHash: $1, in: db) }
        try insertPendingMentions(in: db)
        return outcomes
      }
      if outcomes.contains(where: { $0 != .added }) { capitalisationCounter = nil }
      return outcomes
    } catch {
      entityIDs.removeAll()
      pendingMentions.removeAll()
      capitalisationCounter = nil
      throw StoreError.wrapping(error, path: archive.path, writing: true)
    }
  }

  /// A second connection that checkpoints the log while this writer writes, for another
  /// thread than the writer's; nil for an index in memory, which has no log.
  ///
  /// From then on this writer checkpoints by itself only past
  /// ``LogCheckpointer/writerBackstopPages``, should the other thread fall behind.
  public func makeLogCheckpointer() throws(StoreError) -> LogCheckpointer? {
    guard let pool = archive.database as? DatabasePool else { return nil }
    do {
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(LogCheckpointer.writerBackstopPages)")
      }
      return try LogCheckpointer(path: archive.path)
    } catch {
      throw StoreError.wrapping(error, path: archive.path, writing: true)
    }
  }

  /// A counter of capitalisation for the caller to give every batch it writes (on a thread of
  /// its own), so that ``finishEntities()`` finds the evidence for names already counted; nil
  /// when the archive already holds paragraphs, or is in memory (which counts in line).
  ///
  /// The counts are used only when every write of the run added articles and the archive has
  /// no entity mentions (an index run with `--no-entities`); otherwise the end of the run
  /// counts over the paragraphs as before.
  public func makeCapitalisationCounter() throws(StoreError) -> CapitalisationCounter? {
    guard let pool = archive.database as? DatabasePool else { return nil }
    do {
      let isEmpty = try pool.read { db in try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM paragraph)") ?? false) }
      capitalisationCounter = isEmpty ? try CapitalisationCounter() : nil
      return capitalisationCounter
    } catch {
      throw StoreError.wrapping(error, path: archive.path, writing: true)
    }
  }

  /// For each article, whether the index already holds it unchanged (same id, same content):
  /// such articles need no entity tagging, which is most of the cost of a re-run.
  public func alreadyIndexed(_ articles: [Article]) throws(StoreError) -> [Bool] {
    do {
      return try archive.database.read { db in
        let statement = try db.cachedStatement(sql: "SELECT contentHash FROM article WHERE publicID = ?")
        return try articles.map { try String.fetchOne(statement, arguments: [$0.id]) == $0.contentHash }
      }
    } catch {
      throw StoreError.wrapping(error, path: archive.path, writing: false)
    }
  }

  /// Ends an index run, with or without entities.
  ///
  /// Joins entities that an acronym definition says are one, drops entities no paragraph
  /// mentions any more, brings the entity counts up to date (`ArchiveWriter+EntityCounts.swift`),
  /// rebuilds the entity name index, and refills the spelling vocabulary (`spellingKey`, which
  /// needs the final mentions).
  public func finishEntities() throws(StoreError) {
    do {
      let nameEvidence = countNameEvidenceAside()
      let laterTerms = ArchiveWriter.scanLaterTermsAside(of: archive.database)
      try archive.database.write { db in
        let duplicates = try Row.fetchAll(
          db,
          sql: """
            SELECT duplicate.id AS duplicate, duplicate.name AS name, target.id AS target
            FROM entity AS duplicate
            JOIN entityAlias ON entityAlias.aliasKey = duplicate.nameKey AND entityAlias.isDefinition
            JOIN entity AS target ON target.id = entityAlias.entityID AND target.type = duplicate.type
            WHERE target.id <> duplicate.id
            """)
        for row in duplicates {
          let duplicate: Int64 = row["duplicate"]
          let target: Int64 = row["target"]
          try db.execute(sql: "UPDATE mention SET entityID = ? WHERE entityID = ?", arguments: [target, duplicate])
          try db.execute(
            sql: "UPDATE OR IGNORE entityAlias SET entityID = ? WHERE entityID = ?", arguments: [target, duplicate])
          try db.execute(sql: "DELETE FROM entity WHERE id = ?", arguments: [duplicate])
          // The merged entity's articles and dates overlap the duplicate's: count it anew.
          try db.execute(sql: "INSERT OR IGNORE INTO entityRecount(entityID) VALUES (?)", arguments: [target])
        }
        try db.execute(
          sql: "DELETE FROM entity WHERE NOT EXISTS (SELECT 1 FROM mention WHERE mention.entityID = entity.id)")
        try ArchiveWriter.updateEntityCounts(in: db)
        try db.execute(sql: "DELETE FROM entityFTS")
        try db.execute(
          sql: """
            INSERT INTO entityFTS(rowid, name, aliases)
            SELECT id, name, (SELECT group_concat(alias, ' | ') FROM entityAlias WHERE entityID = entity.id)
            FROM entity
            """)
        try ArchiveWriter.fillSpellingKeys(in: db, nameEvidence: nameEvidence, laterTerms: laterTerms)
      }
      // Fold the write-ahead log into the file, so that a copy of the file alone is complete.
      try archive.database.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
      entityIDs.removeAll()
      capitalisationCounter = nil
    } catch {
      entityIDs.removeAll()
      capitalisationCounter = nil
      throw StoreError.wrapping(error, path: archive.path, writing: true)
    }
  }

  /// Starts counting what tells names in the spelling vocabulary (the terms inside entity
  /// mentions, or in an archive without mentions the capitalised words) on another thread, so
  /// that the count runs beside the entity and vocabulary work on the writer's connection.
  ///
  /// It reads through a connection of its own what the last batch committed; nothing this step
  /// changes touches paragraph text or a mention's place (merges only re-point mentions), nor
  /// removes every mention. Only a pool can read beside the writer: a single connection (an
  /// index in memory) counts later, in line.
  private func countNameEvidenceAside() -> BackgroundWork<NameEvidence>? {
    guard let pool = archive.database as? DatabasePool else { return nil }
    let counted = capitalisationCounter
    return BackgroundWork {
      try pool.read { db in
        if let counted, try !ArchiveWriter.hasMentions(in: db) { return .capitalisation(try counted.counts()) }
        return try ArchiveWriter.countNameEvidence(in: db)
      }
    }
  }

  private func write(_ article: Article, contentHash hash: String, in db: Database) throws -> Outcome {
    var existing: (rowID: Int64, contentHash: String)?
    try db.cachedStatement(sql: "SELECT id, contentHash FROM article WHERE publicID = ?").forEachRow(
      in: db, binding: { DirectBinding.bindCopy($0, 1, article.id) },
      read: { existing = (sqlite3_column_int64($0, 0), String(cString: sqlite3_column_text($0, 1))) })
    if let (rowID, storedHash) = existing {
      if storedHash == hash {
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
    ).execute(in: db) { handle in
      DirectBinding.bindCopy(handle, 1, article.id)
      DirectBinding.bindCopy(handle, 2, article.sourceID)
      DirectBinding.bindCopy(handle, 3, article.title)
      DirectBinding.bindCopy(handle, 4, article.date?.isoString)
      DirectBinding.bindCopy(handle, 5, article.source)
      DirectBinding.bindCopy(handle, 6, article.location)
      DirectBinding.bindCopy(handle, 7, article.url)
      sqlite3_bind_int64(handle, 8, article.ownsLocation ? 1 : 0)
      DirectBinding.bindCopy(handle, 9, hash)
      sqlite3_bind_int64(handle, 10, Int64(article.passages.count))
    }
    try insertParagraphs(of: article, articleRowID: db.lastInsertedRowID, in: db)
    return outcome
  }

  private func insertParagraphs(of article: Article, articleRowID: Int64, in db: Database) throws {
    let insertParagraph = try db.cachedStatement(
      sql: "INSERT INTO paragraph(articleID, position, text) VALUES (?, ?, ?)")
    let insertIndexRow = try db.cachedStatement(
      sql: "INSERT INTO paragraphFTS(rowid, title, text) VALUES (?, ?, ?)")
    var paragraphIDs: [Int64] = []
    paragraphIDs.reserveCapacity(article.passages.count)
    try article.title.withUTF8Bytes { title in
      for (position, passage) in article.passages.enumerated() {
        try passage.withUTF8Bytes { text in
          try insertParagraph.execute(in: db) { handle in
            sqlite3_bind_int64(handle, 1, articleRowID)
            sqlite3_bind_int64(handle, 2, Int64(position))
            DirectBinding.bindText(handle, 3, text)
          }
          let paragraphID = db.lastInsertedRowID
          paragraphIDs.append(paragraphID)
          try insertIndexRow.execute(in: db) { handle in
            sqlite3_bind_int64(handle, 1, paragraphID)
            DirectBinding.bindText(handle, 2, title)
            DirectBinding.bindText(handle, 3, text)
          }
        }
      }
    }
    if let first = paragraphIDs.first, let last = paragraphIDs.last {
      let length = try ArticleLength.ofParagraphs(first...last, in: db)
      try db.cachedStatement(sql: "UPDATE article SET tokenCount = ? WHERE id = ?").execute(in: db) { handle in
        sqlite3_bind_int64(handle, 1, Int64(length))
        sqlite3_bind_int64(handle, 2, articleRowID)
      }
    }
    try insertEntities(of: article, paragraphIDs: paragraphIDs, in: db)
  }

  /// Deletes an article's paragraphs and their index rows. An external-content FTS5 table
  /// needs the old values to delete a row, so they are read first.
  private func removeParagraphs(ofArticle articleRowID: Int64, in db: Database) throws {
    // Mentions waiting for the batch's end must land before any paragraph goes: a deleted
    // paragraph's rowid can be handed out again.
    try insertPendingMentions(in: db)
    let rows = try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT paragraph.id, article.title, paragraph.text FROM paragraph
          JOIN article ON article.id = paragraph.articleID WHERE paragraph.articleID = ?
          ORDER BY paragraph.position
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
