import GRDB

/// How often each term of the paragraph text is capitalised away from a sentence start, and how
/// often it starts a sentence: what ``ArchiveWriter/capitalisedTerms(textCounts:counts:)`` needs
/// to tell names in an archive indexed without entities.
///
/// Only the capitalised mid-sentence words and the sentence-initial words (``CapitalisationSample``)
/// go through FTS5 to be stemmed as the index stems them, in a scratch table of a temporary
/// database of its own. So the count needs only a connection that reads paragraphs, a read-only
/// one included, and can run on another thread while the writer scans the vocabulary.
struct CapitalisationCounts: Sendable {
  /// Paragraph text handed to FTS5 per row.
  static let chunkBytes = 1 << 16

  /// Capitalised occurrences away from a sentence start, by term.
  var capitalised: [String: Int] = [:]
  /// Occurrences that start a sentence, by term.
  var initial: [String: Int] = [:]

  /// Counts over the text of every paragraph `db` holds.
  static func count(paragraphsIn db: Database) throws -> CapitalisationCounts {
    try ScratchTermTable.using("capitalisedWord", columns: ["capitalised", "initial"], vocabulary: "col") { scratchDB in
      let insert = try scratchDB.makeStatement(
        sql: "INSERT INTO capitalisedWord(rowid, capitalised, initial) VALUES (?, ?, ?)")
      var chunks = 0
      var sample = CapitalisationSample()
      func flush() throws {
        chunks += 1
        try insert.execute(arguments: [chunks, sample.capitalised, sample.initial])
        sample = CapitalisationSample()
      }
      let texts = try String.fetchCursor(db, sql: "SELECT text FROM paragraph")
      while let text = try texts.next() {
        sample.add(text)
        if sample.byteCount >= chunkBytes { try flush() }
      }
      if sample.byteCount > 0 { try flush() }
      var counts = CapitalisationCounts()
      let rows = try Row.fetchCursor(scratchDB, sql: "SELECT term, col, cnt FROM capitalisedWordTerms")
      while let row = try rows.next() {
        let column: String = row[1]
        if column == "capitalised" {
          counts.capitalised[row[0]] = row[2]
        } else {
          counts.initial[row[0]] = row[2]
        }
      }
      return counts
    }
  }
}
