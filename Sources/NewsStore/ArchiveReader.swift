import Foundation
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

  /// Grouped search: articles ranked as wholes (a passage-sized window hides a document whose
  /// query words sit in different paragraphs), each shown by its best passage.
  ///
  /// One pass over the matching passages adds up, per article, how often each phrase of the
  /// query occurs (`newscounts`); the article is then scored with BM25 as if it were one
  /// document: its title once, all its passages, its stored length, and phrase frequencies
  /// counted in articles. (A whole-article FTS5 index gave the same ranking, at the cost of
  /// indexing everything twice.) With a date, source or entity filter, the phrase
  /// frequencies are those of the articles that pass it.
  private func searchArticles(_ query: PassageQuery, in db: Database) throws -> PassagePage {
    var filters: [String] = []
    var values: [(any DatabaseValueConvertible)?] =
      query.rankArguments + [query.anyUnitExpression ?? query.matchExpression]
    ArchiveReader.addArticleFilters(of: query, to: &filters, values: &values)
    for entities in query.entityIDs {
      let marks = Array(repeating: "?", count: entities.count).joined(separator: ", ")
      filters.append(
        """
        EXISTS (SELECT 1 FROM mention JOIN paragraph AS named ON named.id = mention.paragraphID
          WHERE mention.entityID IN (\(marks)) AND named.articleID = paragraph.articleID)
        """)
      values += entities.map { $0 as (any DatabaseValueConvertible)? }
    }
    // An archive indexed before lengths were stored, opened read-only, has its lengths
    // counted here instead (`newsindex check` upgrades it).
    let storedLengths = try db.columns(in: "article").contains { $0.name == "tokenCount" }
    let counted = storedLengths ? nil : try ArchiveReader.countedArticleLengths(in: db)
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT paragraph.articleID, paragraphFTS.rowid, newsrank(paragraphFTS, ?, ?, ?, ?),
          newscounts(paragraphFTS), \(storedLengths ? "article.tokenCount" : "0")
        FROM paragraphFTS JOIN paragraph ON paragraph.id = paragraphFTS.rowid
        JOIN article ON article.id = paragraph.articleID
        WHERE paragraphFTS MATCH ? \(filters.map { "AND " + $0 }.joined(separator: " "))
        """, arguments: StatementArguments(values))
    var tallies: [Int64: ArticleTally] = [:]
    while let row = try rows.next() {
      let article: Int64 = row[0], paragraphID: Int64 = row[1], score: Double = row[2]
      let counts = RankingFunction.counts(in: row[3], columns: 2)
      tallies[article, default: ArticleTally(length: counted?[article] ?? row[4], phrases: counts.count)]
        .add(paragraphID: paragraphID, score: score, counts: counts)
    }
    // Phrase frequencies count excluded articles too, as a whole-article index would.
    var articleCount = 0, tokenCount = 0
    if let counted {
      articleCount = counted.count
      tokenCount = counted.values.reduce(0, +)
    } else if let totals = try Row.fetchOne(db, sql: "SELECT COUNT(*), TOTAL(tokenCount) FROM article") {
      articleCount = totals[0]
      tokenCount = Int(totals[1] as Double)
    }
    let scores = articleScores(tallies, articles: articleCount, tokens: tokenCount, query: query)
    if let exclusion = query.exclusionExpression {
      for article in try articles(matching: exclusion, in: db) { tallies[article] = nil }
    }
    let complete = try query.preferredUnitExpressions.map { units in
      try units.reduce(Set(tallies.keys)) { found, unit in found.intersection(try articles(matching: unit, in: db)) }
    }
    typealias RankedArticle = (id: Int64, complete: Bool, score: Double)
    let ranked: [RankedArticle] = tallies.keys.map { ($0, complete?.contains($0) ?? true, scores[$0] ?? 0) }
      .sorted { (a: RankedArticle, b: RankedArticle) -> Bool in
        if a.complete != b.complete { return a.complete }
        if a.score != b.score { return a.score > b.score }
        return a.id < b.id
      }
    var hits: [PassageHit] = []
    for article in ranked.dropFirst(query.offset).prefix(query.limit) {
      guard let tally = tallies[article.id], var hit = try passage(withID: tally.bestPassage, in: db) else { continue }
      hit.score = article.score
      hit.matchesAllTerms = article.complete
      hit.otherMatchesInArticle = tally.matchedPassages - 1
      hits.append(hit)
    }
    try highlight(&hits, query: query, in: db)
    return PassagePage(hits: hits, totalMatches: ranked.count, facets: try facets(for: query, in: db))
  }

  /// BM25 of each tallied article as one document (see ``RankingFunction``): IDF from the
  /// number of articles holding each phrase, lengths against the mean article length.
  private func articleScores(
    _ tallies: [Int64: ArticleTally], articles: Int, tokens: Int, query: PassageQuery
  ) -> [Int64: Double] {
    guard let phrases = tallies.first?.value.titleCounts.count else { return [:] }
    let articleCount = Double(articles)
    let averageLength = max(1, Double(tokens) / max(1, articleCount))
    var holding = [Double](repeating: 0, count: phrases)
    for tally in tallies.values {
      for phrase in 0..<phrases where tally.titleCounts[phrase] + tally.textCounts[phrase] > 0 {
        holding[phrase] += 1
      }
    }
    let idf = holding.map { n in
      let value = log((articleCount - n + 0.5) / (n + 0.5))
      return value > 0 ? value : RankingFunction.idfFloor
    }
    var scores: [Int64: Double] = [:]
    for (article, tally) in tallies {
      let norm = query.k1 * (1 - query.b + query.b * Double(tally.length) / averageLength)
      var score = 0.0
      for phrase in 0..<phrases {
        let frequency =
          query.titleWeight * Double(tally.titleCounts[phrase]) + query.textWeight * Double(tally.textCounts[phrase])
        if frequency > 0 { score += idf[phrase] * frequency * (query.k1 + 1) / (frequency + norm) }
      }
      scores[article] = score
    }
    return scores
  }

  /// Every article's length in tokens, from FTS5's own counts (see `ArchiveWriter.tokenCount`).
  static func countedArticleLengths(in db: Database) throws -> [Int64: Int] {
    var lengths: [Int64: Int] = [:]
    var titled = Set<Int64>()
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT paragraph.articleID, sz FROM paragraph JOIN paragraphFTS_docsize AS size ON size.id = paragraph.id")
    while let row = try rows.next() {
      let article: Int64 = row[0]
      let columns = ArchiveWriter.columnSizes(row[1])
      guard columns.count == 2 else { continue }
      lengths[article, default: 0] += columns[1] + (titled.insert(article).inserted ? columns[0] : 0)
    }
    return lengths
  }

  /// Articles with a passage matching `expression`.
  private func articles(matching expression: String, in db: Database) throws -> Set<Int64> {
    Set(
      try Int64.fetchAll(
        db.cachedStatement(
          sql: """
            SELECT DISTINCT paragraph.articleID FROM paragraphFTS
            JOIN paragraph ON paragraph.id = paragraphFTS.rowid WHERE paragraphFTS MATCH ?
            """), arguments: [expression]))
  }

  /// Marks each hit's matches with FTS5's own highlight(), for the page's rows only.
  private func highlight(_ hits: inout [PassageHit], query: PassageQuery, in db: Database) throws {
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
  private func facets(for query: PassageQuery, in db: Database) throws -> [EntityFacet] {
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
    var values: [(any DatabaseValueConvertible)?] = (scored ? query.rankArguments : []) + [query.matchExpression]
    let preferred = scored ? query.preferredExpression : nil
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
      preferred == nil ? "1" : "(hit.paragraphID IN (SELECT rowid FROM paragraphFTS WHERE paragraphFTS MATCH ?))"
    // The article is joined only for the filters that need it.
    let joins =
      query.since == nil && query.until == nil && query.source == nil
      ? "" : "JOIN paragraph ON paragraph.id = hit.paragraphID JOIN article ON article.id = paragraph.articleID"
    let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
    let score = scored ? ", newsrank(paragraphFTS, ?, ?, ?, ?) AS score" : ""
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

  static func hit(_ row: Row, matchesAllTerms: Bool, others: Int) -> PassageHit {
    PassageHit(
      paragraphID: row["paragraphID"], articleID: row["publicID"], sourceID: row["sourceID"],
      title: row["title"], date: row["date"], source: row["source"], location: row["location"],
      url: row["url"], position: row["position"], text: row["text"], score: row["score"] ?? 0,
      matchesAllTerms: matchesAllTerms, matches: [], otherMatchesInArticle: others)
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
    ).map { ArchiveReader.hit($0, matchesAllTerms: true, others: 0) }
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
  /// The arguments of `newsrank(fts, k1, b, title weight, text weight)`.
  var rankArguments: [(any DatabaseValueConvertible)?] { [k1, b, titleWeight, textWeight] }
}

/// What grouped search gathers about one article from its matching passages.
struct ArticleTally {
  /// Tokens in the article (title once, every passage): `article.tokenCount`.
  let length: Int
  /// Per phrase of the query: occurrences in the title (the same in every passage's row, so
  /// taken once) and in the text of all matching passages.
  var titleCounts: [Int32]
  var textCounts: [Int32]
  var bestPassage: Int64 = 0
  var bestScore = -Double.infinity
  var matchedPassages = 0

  init(length: Int, phrases: Int) {
    self.length = length
    titleCounts = Array(repeating: 0, count: phrases)
    textCounts = Array(repeating: 0, count: phrases)
  }

  /// Adds a passage's row; rows come in rowid order, so the first best passage stays on a tie.
  mutating func add(paragraphID: Int64, score: Double, counts: [[Int32]]) {
    for (phrase, columns) in counts.enumerated() where phrase < titleCounts.count {
      titleCounts[phrase] = max(titleCounts[phrase], columns[0])
      textCounts[phrase] += columns[1]
    }
    matchedPassages += 1
    if score > bestScore {
      bestScore = score
      bestPassage = paragraphID
    }
  }
}
