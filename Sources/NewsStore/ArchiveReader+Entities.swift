import GRDB
import NewsModel

/// Entity queries: lists, lookup by any name, cards, and the entities of search results.
///
/// Counts come from the entity rows (`ArchiveWriter+EntityCounts.swift`: as of the end of the
/// last index run), so no query here totals an entity's mentions to list, resolve or describe
/// it. An archive from before those counts, not yet opened for writing, has them totalled from
/// the mentions as before.
extension ArchiveReader {
  /// An `EntitySummary` from the counts kept in the entity row (`FROM entity AS e`).
  static let storedSummaryColumns = """
    e.id AS id, e.name AS name, e.type AS type, e.mentions AS mentions, e.articles AS articles,
    e.firstDate AS firstDate, e.lastDate AS lastDate
    """
  /// An `EntitySummary` totalled from the mentions, for archives without kept counts, over
  /// `summaryJoins` and `GROUP BY e.id`.
  static let totalledSummaryColumns = """
    e.id AS id, e.name AS name, e.type AS type, COUNT(*) AS mentions,
    COUNT(DISTINCT p.articleID) AS articles, MIN(a.date) AS firstDate, MAX(a.date) AS lastDate
    """
  static let summaryJoins = """
    FROM mention AS m JOIN entity AS e ON e.id = m.entityID
    JOIN paragraph AS p ON p.id = m.paragraphID JOIN article AS a ON a.id = p.articleID
    """

  static func summary(_ row: Row) -> EntitySummary {
    EntitySummary(
      id: row["id"], name: row["name"], type: EntityType(rawValue: row["type"]) ?? .other,
      mentions: row["mentions"], articles: row["articles"], firstDate: row["firstDate"],
      lastDate: row["lastDate"])
  }

  /// Whether the archive keeps counts per entity (the `keepEntityCounts` migration).
  static func keepsEntityCounts(_ db: Database) throws -> Bool {
    try db.tableExists("entityCountState")
  }

  /// The summaries of the entities with these ids, most mentioned first.
  static func summaries(ofEntities ids: [Int64], in db: Database) throws -> [EntitySummary] {
    guard !ids.isEmpty else { return [] }
    let list = ids.map(String.init).joined(separator: ",")
    let sql =
      try keepsEntityCounts(db)
      ? "SELECT \(storedSummaryColumns) FROM entity AS e WHERE e.id IN (\(list)) ORDER BY e.mentions DESC, e.name"
      : """
      SELECT \(totalledSummaryColumns) \(summaryJoins) WHERE e.id IN (\(list))
      GROUP BY e.id ORDER BY mentions DESC, e.name
      """
    return try Row.fetchAll(db, sql: sql).map(summary)
  }

  /// The most mentioned entities, optionally of one type.
  ///
  /// ```sql
  /// SELECT id, name, type, mentions, … FROM entity WHERE type = 'place' AND mentions > 0
  /// ORDER BY mentions DESC, name LIMIT 20
  /// ```
  public func topEntities(type: EntityType?, limit: Int) throws(StoreError) -> [EntitySummary] {
    try reading { db in
      let arguments: StatementArguments = type.map { [$0.rawValue, limit] } ?? [limit]
      // Entities first named in a run still in progress have no counts yet and are left out,
      // as entities with no mention always were.
      let sql =
        try Self.keepsEntityCounts(db)
        ? """
        SELECT \(Self.storedSummaryColumns) FROM entity AS e
        WHERE \(type == nil ? "" : "e.type = ? AND ")e.mentions > 0
        ORDER BY e.mentions DESC, e.name LIMIT ?
        """
        : """
        SELECT \(Self.totalledSummaryColumns) \(Self.summaryJoins) \(type == nil ? "" : "WHERE e.type = ?")
        GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?
        """
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.summary)
    }
  }

  /// One-word entity names whose key starts with `prefix` (a stem: "hama" finds Hama and
  /// Hamas), with their keys, types and mentions; at most `limit`, most mentioned first.
  public func oneWordEntityNames(
    keyPrefix prefix: String, limit: Int = 50
  ) throws(StoreError) -> [(name: String, key: String, type: EntityType, mentions: Int)] {
    guard !prefix.isEmpty else { return [] }
    return try reading { db in
      // An archive from before the kept counts, opened read-only, counts its mentions here.
      let mentions =
        try Self.keepsEntityCounts(db) ? "mentions" : "(SELECT COUNT(*) FROM mention WHERE mention.entityID = entity.id)"
      return try Row.fetchAll(
        db,
        sql: """
          SELECT name, nameKey, type, \(mentions) AS mentions FROM entity
          WHERE nameKey >= ? AND nameKey < ? AND instr(nameKey, ' ') = 0
          ORDER BY mentions DESC LIMIT ?
          """, arguments: [prefix, prefix + "\u{10FFFF}", limit]
      ).compactMap { row in
        EntityType(rawValue: row[2]).map { (name: row[0], key: row[1], type: $0, mentions: row[3]) }
      }
    }
  }

  /// Resolves a name as a user types it: a name or alias (any case, accents, dots, hyphens),
  /// else a prefix (`lavr*` or `lavr`) of a word of a name or alias.
  ///
  /// Costs a few index lookups whatever the entity's size: `--entity` resolves its names here.
  public func lookUpEntity(_ typed: String) throws(StoreError) -> EntityLookup {
    try reading { db in
      let trimmed = typed.trimmingCharacters(in: .whitespaces)
      let exactKey = NameKey.of(trimmed.hasSuffix("*") ? String(trimmed.dropLast()) : trimmed)
      var ids = try Int64.fetchAll(
        db,
        sql: """
          SELECT id FROM entity WHERE nameKey = ?
          UNION SELECT entityID FROM entityAlias WHERE aliasKey = ?
          """, arguments: [exactKey, exactKey])
      if ids.isEmpty || trimmed.hasSuffix("*") {
        let words = exactKey.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return .notFound }
        let pattern = words.map { "\"\($0)\"" }.joined(separator: " ") + "*"
        ids = try Int64.fetchAll(
          db, sql: "SELECT rowid FROM entityFTS WHERE entityFTS MATCH ? LIMIT 50", arguments: [pattern])
      }
      let summaries = try Self.summaries(ofEntities: ids, in: db)
      if summaries.count == 1 { return .found(summaries[0]) }
      // One entity named exactly so, among prefix matches, wins.
      if let exact = summaries.filter({ NameKey.of($0.name) == exactKey }).first,
        summaries.filter({ NameKey.of($0.name) == exactKey }).count == 1, !trimmed.hasSuffix("*")
      {
        return .found(exact)
      }
      return summaries.isEmpty ? .notFound : .ambiguous(summaries)
    }
  }

  /// Everything `newsindex entity` shows.
  ///
  /// The summaries are read from the entity rows; the company an entity keeps, its months and
  /// examples come from its own mentions.
  public func card(for summary: EntitySummary, examples: Int = 3, cooccurring: Int = 10) throws(StoreError)
    -> EntityCard
  {
    try reading { db in
      let aliases = try String.fetchAll(
        db, sql: "SELECT alias FROM entityAlias WHERE entityID = ? ORDER BY isDefinition DESC, alias",
        arguments: [summary.id])
      let others = try Row.fetchAll(
        db,
        sql: """
          SELECT other.entityID AS otherID, COUNT(DISTINCT other.paragraphID) AS shared
          FROM mention AS mine JOIN mention AS other
            ON other.paragraphID = mine.paragraphID AND other.entityID <> mine.entityID
          WHERE mine.entityID = ? GROUP BY other.entityID ORDER BY shared DESC LIMIT ?
          """, arguments: [summary.id, cooccurring])
      let otherSummaries = try Self.summaries(ofEntities: others.map { $0["otherID"] }, in: db)
      let summaryByID = Dictionary(
        otherSummaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      let cooccurringEntities = others.compactMap { row -> (entity: EntitySummary, paragraphs: Int)? in
        summaryByID[row["otherID"]].map { ($0, row["shared"]) }
      }
      let months = try Row.fetchAll(
        db,
        sql: """
          SELECT substr(a.date, 1, 7) AS month, COUNT(*) AS mentions \(Self.summaryJoins)
          WHERE m.entityID = ? AND a.date IS NOT NULL GROUP BY month ORDER BY month
          """, arguments: [summary.id]
      ).map { (month: $0["month"] as String, mentions: $0["mentions"] as Int) }
      let exampleRows = try Row.fetchAll(
        db,
        sql: """
          SELECT DISTINCT p.id AS paragraphID FROM mention AS m JOIN paragraph AS p ON p.id = m.paragraphID
          JOIN article AS a ON a.id = p.articleID
          WHERE m.entityID = ? ORDER BY a.date DESC, p.id LIMIT ?
          """, arguments: [summary.id, examples])
      var hits: [PassageHit] = []
      for row in exampleRows {
        let paragraphID: Int64 = row["paragraphID"]
        guard let hit = try passage(withID: paragraphID, in: db) else { continue }
        var marked = hit
        marked.matches = try Row.fetchAll(
          db, sql: "SELECT start, \"end\" FROM mention WHERE paragraphID = ? AND entityID = ? ORDER BY start",
          arguments: [paragraphID, summary.id]
        ).map { ($0["start"] as Int)..<($0["end"] as Int) }
        hits.append(marked)
      }
      return EntityCard(
        summary: summary, aliases: aliases, cooccurring: cooccurringEntities, months: months, examples: hits)
    }
  }

  /// The entities of each paragraph, by paragraph id, in text order.
  public func entities(inParagraphs ids: [Int64]) throws(StoreError) -> [Int64: [PassageEntity]] {
    guard !ids.isEmpty else { return [:] }
    return try reading { db in
      var result: [Int64: [PassageEntity]] = [:]
      let list = ids.map(String.init).joined(separator: ",")
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT m.paragraphID, m.start, m."end", e.name, e.type FROM mention AS m
          JOIN entity AS e ON e.id = m.entityID WHERE m.paragraphID IN (\(list)) ORDER BY m.paragraphID, m.start
          """)
      {
        result[row[0], default: []].append(
          PassageEntity(
            name: row[3], type: EntityType(rawValue: row[4]) ?? .other, start: row[1], end: row[2]))
      }
      return result
    }
  }
}
