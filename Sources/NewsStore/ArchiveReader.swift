import GRDB
import NewsModel

/// Reads the index: ranked passage search, whole articles, and statistics.
public final class ArchiveReader {
  /// Marks FTS5's highlight() puts around matches; cleaning removes control characters from
  /// stored text, so these cannot occur in it.
  static let matchStart = "\u{1}"
  static let matchEnd = "\u{2}"

  let archive: Archive

  init(archive: Archive) {
    self.archive = archive
  }

  public func search(_ query: PassageQuery) throws(StoreError) -> PassagePage {
    try reading { db in try search(query, in: db) }
  }

  /// Runs a read, wrapping errors for the user.
  func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try archive.database.read(body)
    } catch {
      throw StoreError.wrapping(error, path: archive.path, writing: false)
    }
  }

  private func search(_ query: PassageQuery, in db: Database) throws -> PassagePage {
    if query.groupByArticle { return try searchArticles(query, in: db) }
    // Only ids and scores are sorted: carrying each match's text through the sort, or a
    // COUNT(*) OVER () window, made SQLite hold every match (3× slower for a common word).
    let (matching, values) = ArchiveReader.matchingPassages(query)
    let page = try Row.fetchAll(
      db,
      sql: """
        \(matching)
        SELECT paragraphID, score, complete FROM ranked
        ORDER BY complete DESC, score DESC, paragraphID
        LIMIT ? OFFSET ?
        """, arguments: StatementArguments(values + [query.limit, query.offset]))
    var hits: [PassageHit] = []
    for row in page {
      guard var hit = try passage(withID: row["paragraphID"], in: db) else { continue }
      hit.score = row["score"] ?? 0
      hit.matchesAllTerms = row["complete"]
      hits.append(hit)
    }
    var total = query.offset + page.count
    if page.count == query.limit || (page.isEmpty && query.offset > 0) {
      // More may follow: count them, without scoring.
      let (unscored, countValues) = ArchiveReader.matchingPassages(query, scored: false)
      total = try Int.fetchOne(db, sql: "\(unscored) SELECT COUNT(*) FROM ranked", arguments: StatementArguments(countValues)) ?? total
    }
    try highlight(&hits, query: query, in: db)
    return PassagePage(
      hits: hits, totalMatches: total,
      facets: try facets(for: query, in: db))
  }

  /// Marks each hit's matches with FTS5's own highlight(), for the page's rows only.
  func highlight(_ hits: inout [PassageHit], query: PassageQuery, in db: Database) throws {
    let highlight = try db.cachedStatement(
      sql: """
        SELECT highlight(paragraphFTS, 1, '\(ArchiveReader.matchStart)', '\(ArchiveReader.matchEnd)')
        FROM paragraphFTS WHERE paragraphFTS MATCH ? AND rowid = ?
        """)
    for index in hits.indices {
      if let marked = try String.fetchOne(
        highlight, arguments: [query.matchExpression, hits[index].paragraphID])
      {
        hits[index].matches = ArchiveReader.matchRanges(inMarkedText: marked)
      }
    }
  }

  /// The entities most often named in all passages that match (not just the page).
  func facets(for query: PassageQuery, in db: Database) throws -> [EntityFacet] {
    var facets: [EntityFacet] = []
    if query.facetLimit > 0 {
      let (matching, values) = ArchiveReader.matchingPassages(query, scored: false)
      facets = try Row.fetchAll(
        db,
        sql: """
          \(matching)
          SELECT e.name AS name, e.type AS type, COUNT(DISTINCT m.paragraphID) AS paragraphs
          FROM ranked JOIN mention AS m ON m.paragraphID = ranked.paragraphID
          JOIN entity AS e ON e.id = m.entityID
          GROUP BY e.id ORDER BY paragraphs DESC, e.name LIMIT ?
          """, arguments: StatementArguments(values + [query.facetLimit])
      ).map {
        EntityFacet(name: $0["name"], type: EntityType(rawValue: $0["type"]) ?? .other, paragraphs: $0["paragraphs"])
      }
    }
    return facets
  }

  /// The CTEs `hit` (FTS5 matches, with their BM25 `score` when `scored`) and `ranked` (the
  /// first-tier flag `complete`, article and entity filters applied), and their arguments.
  /// Unscored, they count or aggregate matches without ranking them.
  static func matchingPassages(
    _ query: PassageQuery, scored: Bool = true
  ) -> (sql: String, values: [(any DatabaseValueConvertible)?]) {
    var filters: [String] = []
    // The first tier: read off each row's phrases when the query says which stand for what
    // (`newstier`, in the FTS5 scan itself), else a second MATCH.
    let tierUnits = scored ? query.tierUnits : nil
    let preferred = scored && tierUnits == nil ? query.preferredExpression : nil
    var values: [(any DatabaseValueConvertible)?] = (scored ? query.rankArguments : [])
    if let tierUnits { values.append(tierUnits) }
    values.append(query.matchExpression)
    if let preferred { values.append(preferred) }
    ArchiveReader.addArticleFilters(of: query, to: &filters, values: &values)
    // EXISTS, not `paragraphID IN (…)`: SQLite would hand an IN list to FTS5 as rowid
    // constraints and run the MATCH once per mention (seconds at a million paragraphs).
    for entities in query.entityIDs {
      let marks = Array(repeating: "?", count: entities.count).joined(separator: ", ")
      filters.append(
        "EXISTS (SELECT 1 FROM mention WHERE mention.paragraphID = hit.paragraphID AND mention.entityID IN (\(marks)))")
      values += entities.map { $0 as (any DatabaseValueConvertible)? }
    }
    let complete =
      tierUnits != nil
      ? "hit.complete"
      : preferred == nil ? "1" : "(hit.paragraphID IN (SELECT rowid FROM paragraphFTS WHERE paragraphFTS MATCH ?))"
    ArchiveReader.addNameFilters(of: query, passage: "hit.paragraphID", to: &filters, values: &values)
    // The article is joined only for the filters that need it.
    let joins =
      query.since == nil && query.until == nil && query.source == nil && query.wordsAsTyped.isEmpty
      ? "" : "JOIN paragraph ON paragraph.id = hit.paragraphID JOIN article ON article.id = paragraph.articleID"
    let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
    let score =
      (scored ? ", \(query.rankCall()) AS score" : "")
      + (tierUnits != nil ? ", \(TierFunction.name)(paragraphFTS, ?) AS complete" : "")
    let sql = """
      WITH hit AS (
        SELECT paragraphFTS.rowid AS paragraphID\(score)
        FROM paragraphFTS WHERE paragraphFTS MATCH ?),
      ranked AS (
        SELECT hit.paragraphID\(scored ? ", hit.score" : ""), \(complete) AS complete
        FROM hit \(joins)
        \(whereClause))
      """
    return (sql, values)
  }

  /// For each of ``PassageQuery/wordsAsTyped``: the passage (its id in the column `passage`,
  /// with `paragraph` and `article` joined) does not match the word's stem, or holds the word
  /// as typed in its text or title.
  static func addNameFilters(
    of query: PassageQuery, passage: String, to filters: inout [String],
    values: inout [(any DatabaseValueConvertible)?]
  ) {
    let holds = WholeWordFunction.name
    for name in query.wordsAsTyped {
      filters.append(
        """
        (\(passage) NOT IN (SELECT rowid FROM paragraphFTS WHERE paragraphFTS MATCH ?)
          OR \(holds)(paragraph.text, ?) OR \(holds)(article.title, ?))
        """)
      values += [name.expression, name.word, name.word]
    }
  }

  /// The date and source filters on `article`, shared by passage and article searches.
  static func addArticleFilters(
    of query: PassageQuery, to filters: inout [String], values: inout [(any DatabaseValueConvertible)?]
  ) {
    if let since = query.since {
      filters.append("article.date >= ?")
      values.append(since)
    }
    if let until = query.until {
      filters.append("article.date <= ?")
      values.append(until)
    }
    if let source = query.source {
      filters.append("article.source = ? COLLATE NOCASE")
      values.append(source)
    }
  }

  static func hit(_ row: Row) -> PassageHit {
    PassageHit(
      paragraphID: row["paragraphID"], articleID: row["publicID"], sourceID: row["sourceID"],
      title: row["title"], date: row["date"], source: row["source"], location: row["location"],
      url: row["url"], position: row["position"], text: row["text"], score: row["score"] ?? 0,
      matchesAllTerms: true, matches: [], otherMatchesInArticle: 0)
  }

  /// One paragraph with its article's fields, unranked.
  func passage(withID id: Int64, in db: Database) throws -> PassageHit? {
    try Row.fetchOne(
      db.cachedStatement(
        sql: """
        SELECT paragraph.id AS paragraphID, NULL AS score, paragraph.position, paragraph.text,
          article.publicID, article.sourceID, article.title, article.date, article.source,
          article.location, article.url
        FROM paragraph JOIN article ON article.id = paragraph.articleID WHERE paragraph.id = ?
        """), arguments: [id]
    ).map(ArchiveReader.hit)
  }

  /// Code-point ranges between the highlight marks, in the text without the marks.
  static func matchRanges(inMarkedText marked: String) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var offset = 0
    var start: Int?
    for scalar in marked.unicodeScalars {
      switch scalar.value {
      case 1: start = offset
      case 2:
        if let begin = start, begin < offset { ranges.append(begin..<offset) }
        start = nil
      default: offset += 1
      }
    }
    return ranges
  }

  /// An article and its paragraphs, by public id.
  public func article(withID publicID: String) throws(StoreError) -> StoredArticle? {
    try reading { db -> StoredArticle? in
        guard
          let row = try Row.fetchOne(
            db, sql: "SELECT * FROM article WHERE publicID = ?", arguments: [publicID])
        else { return nil }
        let paragraphs = try String.fetchAll(
          db, sql: "SELECT text FROM paragraph WHERE articleID = ? ORDER BY position",
          arguments: [row["id"] as Int64])
        return StoredArticle(
          id: row["publicID"], sourceID: row["sourceID"], title: row["title"], date: row["date"],
          source: row["source"], location: row["location"], url: row["url"],
          paragraphs: paragraphs)
    }
  }

  /// Public ids starting with `prefix`, to suggest when an id is mistyped or shortened.
  public func articleIDs(startingWith prefix: String, limit: Int = 5) throws(StoreError) -> [String] {
    try reading { db in
      try String.fetchAll(
        db, sql: "SELECT publicID FROM article WHERE publicID >= ? AND publicID < ? ORDER BY publicID LIMIT ?",
        arguments: [prefix, prefix + "\u{10FFFF}", limit])
    }
  }

  /// How many passages (rows of the paragraph index) the archive holds.
  public func passageCount() throws(StoreError) -> Int {
    try reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paragraph") ?? 0 }
  }

  public func statistics() throws(StoreError) -> ArchiveStatistics {
    try reading { db in
        let articles = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0
        let paragraphs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paragraph") ?? 0
        let textBytes =
          try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(CAST(text AS BLOB))), 0) FROM paragraph") ?? 0
        let dates = try Row.fetchOne(db, sql: "SELECT MIN(date), MAX(date), COUNT(date) FROM article")
        let sources = try Row.fetchAll(
          db,
          sql: """
            SELECT COALESCE(source, '(none)') AS name, COUNT(*) AS count FROM article
            GROUP BY source COLLATE NOCASE ORDER BY count DESC, name LIMIT 10
            """
        ).map { (name: $0["name"] as String, articles: $0["count"] as Int) }
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        let pageCount = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        var indexBytes = 0
        for table in ["paragraphFTS", "entityFTS"] {
          indexBytes += try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(block)), 0) FROM \(table)_data") ?? 0
        }
        return ArchiveStatistics(
          articles: articles, paragraphs: paragraphs, datedArticles: dates?[2] ?? 0,
          firstDate: dates?[0], lastDate: dates?[1], topSources: sources, textBytes: textBytes,
          indexBytes: indexBytes, fileBytes: pageSize * pageCount)
    }
  }
}

extension PassageQuery {
  /// The call of `newsrank` (or `newscounts`) that ``rankArguments`` are bound to.
  func rankCall(_ function: String = RankingFunction.name) -> String {
    "\(function)(paragraphFTS" + String(repeating: ", ?", count: rankArguments.count) + ")"
  }

  /// `newsrank`'s arguments after the table: k1, b, the column weights, the phrase weights.
  var rankArguments: [(any DatabaseValueConvertible)?] {
    [k1, b, titleWeight, textWeight] + phraseWeights.map { $0 as (any DatabaseValueConvertible)? }
  }
}
