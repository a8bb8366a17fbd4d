import GRDB

/// Text counted as the index counts it, away from the archive: a contentless FTS5 table with
/// the index's tokenizer, and its `fts5vocab` table (`<name>Terms`), in a private temporary
/// database of its own.
///
/// The database is SQLite's temporary one on disk (an empty path): its pages beyond a small
/// cache go to a file, so memory stays bounded however much text goes in. Rows of a contentless
/// table with `columnsize = 0` need their rowids given.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#the_fts5vocab_virtual_table_module>
enum ScratchTermTable {
  /// Runs `body` on a fresh scratch database holding `name` (FTS5, with `columns`) and
  /// `<name>Terms` (`fts5vocab` of the given kind: `row`, `col` or `instance`).
  static func using<Result>(
    _ name: String, columns: [String], vocabulary: String, _ body: (Database) throws -> Result
  ) throws -> Result {
    try create(name, columns: columns, vocabulary: vocabulary).write(body)
  }

  /// A fresh scratch database holding `name` and `<name>Terms`, for a caller that fills it over
  /// time. It may keep a transaction open between two uses: nothing else ever reads it.
  static func create(_ name: String, columns: [String], vocabulary: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.allowsUnsafeTransactions = true
    let scratch = try DatabaseQueue(path: "", configuration: configuration)
    try scratch.write { db in
      try db.execute(
        sql: """
          CREATE VIRTUAL TABLE \(name) USING fts5(
            \(columns.joined(separator: ", ")), content = '', columnsize = 0, tokenize = '\(Schema.tokenizer)');
          CREATE VIRTUAL TABLE \(name)Terms USING fts5vocab(\(name), '\(vocabulary)');
          """)
    }
    return scratch
  }
}
