import Foundation
import GRDB
import GRDBSQLite

/// Article lengths in tokens, for ranking articles as wholes (`ArchiveReader.searchArticles`).
///
/// An article's length is its title's tokens once plus every passage's text tokens: what a
/// whole-article index would count. FTS5 has already counted them while indexing the passages
/// (its `docsize` table holds each row's tokens per column), so they are read from there rather
/// than counted again, and agree with the index exactly. Stored in `article.tokenCount`.
enum ArticleLength {
  /// Title tokens of the first passage plus text tokens of every passage in `ids`, which are
  /// one article's consecutive passages (the writer, as it adds an article).
  static func ofParagraphs(_ ids: ClosedRange<Int64>, in db: Database) throws -> Int {
    var total = 0
    var titleCounted = false
    let sizes = try db.cachedStatement(sql: "SELECT sz FROM paragraphFTS_docsize WHERE id BETWEEN ? AND ?")
    try sizes.forEachRow(
      in: db,
      binding: { handle in
        sqlite3_bind_int64(handle, 1, ids.lowerBound)
        sqlite3_bind_int64(handle, 2, ids.upperBound)
      },
      read: { handle in
        let blob = UnsafeRawBufferPointer(
          start: sqlite3_column_blob(handle, 0), count: Int(sqlite3_column_bytes(handle, 0)))
        let columns = columnSizes(blob)
        guard columns.count == 2 else { return }
        total += columns[1] + (titleCounted ? 0 : columns[0])
        titleCounted = true
      })
    return total
  }

  /// Every article's length, in one pass (the migration that added `tokenCount`, and grouped
  /// search on an archive opened read-only before that migration).
  static func ofEveryArticle(in db: Database) throws -> [Int64: Int] {
    var lengths: [Int64: Int] = [:]
    var titled = Set<Int64>()
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT paragraph.articleID, sz FROM paragraph JOIN paragraphFTS_docsize AS size ON size.id = paragraph.id")
    while let row = try rows.next() {
      let article: Int64 = row[0]
      let columns = columnSizes(row[1])
      guard columns.count == 2 else { continue }
      lengths[article, default: 0] += columns[1] + (titled.insert(article).inserted ? columns[0] : 0)
    }
    return lengths
  }

  /// Fills `article.tokenCount` for every article (archives indexed before it existed).
  static func fill(in db: Database) throws {
    let update = try db.makeStatement(sql: "UPDATE article SET tokenCount = ? WHERE id = ?")
    for (article, length) in try ofEveryArticle(in: db) {
      try update.execute(arguments: [length, article])
    }
  }

  /// Decodes FTS5's `docsize` blob: one SQLite varint per column.
  static func columnSizes(_ blob: Data) -> [Int] {
    blob.withUnsafeBytes { columnSizes($0) }
  }

  static func columnSizes(_ blob: UnsafeRawBufferPointer) -> [Int] {
    var sizes: [Int] = []
    var value = 0
    var length = 0
    for byte in blob {
      length += 1
      if length == 9 {
        value = (value << 8) | Int(byte)
      } else {
        value = (value << 7) | Int(byte & 0x7F)
        if byte & 0x80 != 0 { continue }
      }
      sizes.append(value)
      value = 0
      length = 0
    }
    return sizes
  }
}
