import GRDB

extension Archive {
  /// Every row a user can observe, as text, in a fixed order: for tests that compare two
  /// indexes built different ways.
  public func dumpForTests() throws -> [String] {
    try database.read { db in
      var lines: [String] = []
      for sql in [
        "SELECT publicID, title, date, source, location, contentHash, paragraphCount FROM article ORDER BY id",
        "SELECT id, articleID, position, text FROM paragraph ORDER BY id",
        "SELECT id, name, type, nameKey FROM entity ORDER BY id",
        "SELECT entityID, alias, isDefinition FROM entityAlias ORDER BY entityID, aliasKey",
        "SELECT paragraphID, start, \"end\", entityID FROM mention ORDER BY paragraphID, start",
        "SELECT rowid FROM paragraphFTS WHERE paragraphFTS MATCH 'idlib OR saa' ORDER BY rank, rowid",
        "SELECT term, key, docs, isName FROM spellingKey ORDER BY term",
      ] {
        for row in try Row.fetchAll(db, sql: sql) { lines.append(row.description) }
      }
      return lines
    }
  }
}
