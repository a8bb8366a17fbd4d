import GRDB

/// The spelling vocabulary's counts for a range of terms of the paragraph index: for each
/// lowercase ASCII term, the paragraphs whose text holds it and its occurrences there, and for a
/// term only titles hold, the paragraphs under those titles.
///
/// Read from `fts5vocab(paragraphFTS, 'col')`, which decodes every position list of the terms
/// it visits; a range of terms is read from its first term on, so two connections can each read
/// a part.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#the_fts5vocab_virtual_table_module>
struct VocabularyCounts: Sendable {
  /// Just past the last term the vocabulary keeps ('{' follows 'z'): digits and non-ASCII terms
  /// fall outside the range `"a"..<afterLastTerm`, so the scan skips them instead of reading them.
  static let afterLastTerm = "{"

  var text: [String: (docs: Int, occurrences: Int)] = [:]
  var titleDocs: [String: Int] = [:]

  /// Reads the terms in `lower..<upper` of lengths the vocabulary keeps.
  static func scan(in db: Database, from lower: String = "a", to upper: String = afterLastTerm) throws -> VocabularyCounts {
    // In temp: nothing is added to the file's schema, and a read-only search never needs it.
    try db.execute(
      sql:
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.paragraphTermColumns USING fts5vocab(main, paragraphFTS, 'col')"
    )
    var counts = VocabularyCounts()
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT term, col, doc, cnt FROM temp.paragraphTermColumns
        WHERE term >= ? AND term < ?
          AND length(term) BETWEEN \(ArchiveWriter.minimumSpellingTermLength) AND \(ArchiveWriter.maximumSpellingTermLength)
          AND NOT term GLOB '*[^a-z]*'
        """,
      arguments: [lower, upper])
    while let row = try rows.next() {
      if row[1] as String == "text" {
        counts.text[row[0]] = (row[2], row[3])
      } else {
        counts.titleDocs[row[0]] = row[2]
      }
    }
    return counts
  }

  /// Adds the counts of another, disjoint range of terms.
  mutating func add(_ other: VocabularyCounts) {
    text.merge(other.text) { first, _ in first }
    titleDocs.merge(other.titleDocs) { first, _ in first }
  }
}
