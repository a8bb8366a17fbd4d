import GRDB

/// The terms the index makes of words: case and accents folded, porter-stemmed.
///
/// For example:
///
/// ```sql
/// -- "Kobane" → koban, "shelling" → shell, "Aleppó" → aleppo
/// INSERT INTO word(rowid, text) VALUES (1, 'Kobane');
/// SELECT term FROM wordInstance WHERE doc = 1 AND offset = 0;
/// ```
///
/// Words go through a scratch FTS5 table in memory with the index's own tokenizer, and
/// `fts5vocab(…, 'instance')` says what each became: SQLite's porter stemmer, not an emulation
/// of it. A separate in-memory database, because a search reads its archive read-only and
/// cannot create even a temporary table there.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#the_fts5vocab_virtual_table_module>
public struct TermStemmer: Sendable {
  private let queue: DatabaseQueue

  public init() throws(StoreError) {
    do {
      queue = try DatabaseQueue()
      try queue.write { db in
        try db.execute(
          sql: """
            CREATE VIRTUAL TABLE word USING fts5(text, tokenize = '\(Schema.tokenizer)');
            CREATE VIRTUAL TABLE wordInstance USING fts5vocab(word, 'instance');
            """)
      }
    } catch {
      throw StoreError.wrapping(error, path: ":memory:", writing: false)
    }
  }

  /// The term of each word, in order: its first token's term when it has several, "" when it
  /// has none (punctuation, emoji).
  public func terms(of words: [String]) throws(StoreError) -> [String] {
    guard !words.isEmpty else { return [] }
    do {
      var terms = Array(repeating: "", count: words.count)
      try queue.inTransaction { db in
        let insert = try db.makeStatement(sql: "INSERT INTO word(rowid, text) VALUES (?, ?)")
        for (index, word) in words.enumerated() { try insert.execute(arguments: [index + 1, word]) }
        let rows = try Row.fetchCursor(db, sql: "SELECT doc, term FROM wordInstance WHERE offset = 0")
        while let row = try rows.next() {
          let doc: Int = row[0]
          if doc >= 1, doc <= words.count { terms[doc - 1] = row[1] }
        }
        // The words were scratch: nothing is kept for the next call.
        return .rollback
      }
      return terms
    } catch {
      throw StoreError.wrapping(error, path: ":memory:", writing: false)
    }
  }
}
