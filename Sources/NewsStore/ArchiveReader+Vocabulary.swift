import GRDB

/// A term of the index vocabulary (a porter stem) as `spellingKey` holds it.
public struct VocabularyTerm: Sendable, Equatable {
  public var term: String
  /// Paragraphs whose text holds the term (for a term only titles hold: the paragraphs under
  /// those titles).
  public var docs: Int
  /// Whether the term is mostly part of names (see `ArchiveWriter+Vocabulary.swift`).
  public var isName: Bool

  public init(term: String, docs: Int, isName: Bool) {
    self.term = term
    self.docs = docs
    self.isName = isName
  }
}

/// Reads the vocabulary table behind spelling variants and "did you mean", a few rows at a time.
extension ArchiveReader {
  /// Whether the archive has its spelling vocabulary.
  ///
  /// Archives indexed by an older newsindex get it from the next `newsindex index` or `newsindex check`; until then search with the
  /// spellings typed.
  public func hasSpellingVocabulary() throws(StoreError) -> Bool {
    try reading { db in try db.tableExists("spellingKey") }
  }

  /// The terms whose ``VariantKey`` is one of `keys`, and the terms listed in `terms`.
  ///
  /// ```sql
  /// SELECT term, docs, isName FROM spellingKey WHERE key IN ('*dl*b') OR term IN ('idlib')
  /// ```
  public func vocabulary(keys: Set<String>, terms: Set<String>) throws(StoreError) -> [VocabularyTerm] {
    guard !keys.isEmpty || !terms.isEmpty else { return [] }
    return try reading { db in
      // Two lookups, one per index, rather than one OR that SQLite might answer with a scan.
      var found: [String: VocabularyTerm] = [:]
      for (column, values) in [("key", keys), ("term", terms)] where !values.isEmpty {
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let rows = try Row.fetchCursor(
          db, sql: "SELECT term, docs, isName FROM spellingKey WHERE \(column) IN (\(marks))",
          arguments: StatementArguments(Array(values)))
        while let row = try rows.next() {
          let term = ArchiveReader.vocabularyTerm(row)
          found[term.term] = term
        }
      }
      return found.values.sorted { $0.term < $1.term }
    }
  }

  /// Terms that start with `initial`, have a length in `lengths` and are in at least
  /// `minimumDocs` paragraphs: where a "did you mean" looks for a mistyped word's neighbours.
  public func vocabulary(
    startingWith initial: String, lengths: ClosedRange<Int>, minimumDocs: Int
  ) throws(StoreError) -> [VocabularyTerm] {
    guard let first = initial.unicodeScalars.first, first.isASCII,
      let next = Unicode.Scalar(first.value + 1)
    else { return [] }
    return try reading { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT term, docs, isName FROM spellingKey
          WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? AND docs >= ?
          """,
        arguments: [String(first), String(next), lengths.lowerBound, lengths.upperBound, minimumDocs]
      ).map(ArchiveReader.vocabularyTerm)
    }
  }

  /// How the first passage matching `expression` writes what matched ("Deir ez-Zor").
  ///
  /// The first stretch FTS5's highlight() marks in its text, else in its title; nil when
  /// nothing matches. The expression must come from the query compiler.
  public func firstMatchedText(_ expression: String) throws(StoreError) -> String? {
    try reading { db in
      let statement = try db.cachedStatement(
        sql: """
          SELECT highlight(paragraphFTS, 1, '\(ArchiveReader.matchStart)', '\(ArchiveReader.matchEnd)'),
            highlight(paragraphFTS, 0, '\(ArchiveReader.matchStart)', '\(ArchiveReader.matchEnd)')
          FROM paragraphFTS WHERE paragraphFTS MATCH ? LIMIT 1
          """)
      guard let row = try Row.fetchOne(statement, arguments: [expression]) else { return nil }
      for column in 0..<2 {
        guard let marked = row[column] as String?,
          let range = ArchiveReader.matchRanges(inMarkedText: marked).first
        else { continue }
        let plain = marked.unicodeScalars.filter {
          $0.value != 1 && $0.value != 2
        }
        let scalars = Array(plain)
        guard range.upperBound <= scalars.count else { continue }
        return String(String.UnicodeScalarView(scalars[range]))
      }
      return nil
    }
  }

  static func vocabularyTerm(_ row: Row) -> VocabularyTerm {
    VocabularyTerm(term: row["term"], docs: row["docs"], isName: row["isName"])
  }
}
