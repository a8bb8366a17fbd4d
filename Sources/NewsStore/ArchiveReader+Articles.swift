import Foundation
import GRDB

/// Grouped search (`--group`): whole articles ranked from their passages.
extension ArchiveReader {
  /// Grouped search: articles ranked as wholes (a passage-sized window hides a document whose
  /// query words sit in different paragraphs), each shown by its best passage.
  ///
  /// One pass over the matching passages adds up, per article, how often each phrase of the
  /// query occurs (`newscounts`); the article is then scored with BM25 as if it were one
  /// document: its title once, all its passages, its stored length, and phrase frequencies
  /// counted in articles. (A whole-article FTS5 index gave the same ranking, at the cost of
  /// indexing everything twice.) With a date, source or entity filter, the phrase
  /// frequencies are those of the articles that pass it.
  func searchArticles(_ query: PassageQuery, in db: Database) throws -> PassagePage {
    var filters: [String] = []
    var values: [(any DatabaseValueConvertible)?] =
      query.rankArguments + [query.anyUnitExpression ?? query.matchExpression]
    ArchiveReader.addArticleFilters(of: query, to: &filters, values: &values)
    ArchiveReader.addNameFilters(of: query, passage: "paragraphFTS.rowid", to: &filters, values: &values)
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
    let counted = storedLengths ? nil : try ArticleLength.ofEveryArticle(in: db)
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT paragraph.articleID, paragraphFTS.rowid, \(query.rankCall(RankingFunction.countsName)),
          \(storedLengths ? "article.tokenCount" : "0")
        FROM paragraphFTS JOIN paragraph ON paragraph.id = paragraphFTS.rowid
        JOIN article ON article.id = paragraph.articleID
        WHERE paragraphFTS MATCH ? \(filters.map { "AND " + $0 }.joined(separator: " "))
        """, arguments: StatementArguments(values))
    var tallies: [Int64: ArticleTally] = [:]
    while let row = try rows.next() {
      let article: Int64 = row[0], paragraphID: Int64 = row[1]
      let (score, counts) = RankingFunction.scoreAndCounts(in: row[2], columns: 2)
      tallies[article, default: ArticleTally(length: counted?[article] ?? row[3], phrases: counts.count)]
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
    let complete = try query.preferredExpression.map { try articles(matching: $0, in: db) }
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
        let frequency = query.titleWeight * tally.titleCounts[phrase] + query.textWeight * tally.textCounts[phrase]
        guard frequency > 0 else { continue }
        let weight = phrase < query.phraseWeights.count ? query.phraseWeights[phrase] : 1
        score += weight * idf[phrase] * frequency * (query.k1 + 1) / (frequency + norm)
      }
      scores[article] = score
    }
    return scores
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
}

/// What grouped search gathers about one article from its matching passages.
struct ArticleTally {
  /// Tokens in the article (title once, every passage): `article.tokenCount`.
  let length: Int
  /// Per phrase of the query: occurrences in the title (the same in every passage's row, so
  /// taken once) and in the text of all matching passages.
  var titleCounts: [Double]
  var textCounts: [Double]
  var bestPassage: Int64 = 0
  var bestScore = -Double.infinity
  var matchedPassages = 0

  init(length: Int, phrases: Int) {
    self.length = length
    titleCounts = Array(repeating: 0, count: phrases)
    textCounts = Array(repeating: 0, count: phrases)
  }

  /// Adds a passage's row; rows come in rowid order, so the first best passage stays on a tie.
  mutating func add(paragraphID: Int64, score: Double, counts: [[Double]]) {
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
