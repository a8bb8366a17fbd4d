import GRDB

/// Keeps each entity's counts in its row (`mentions`, `articles`, `firstDate`, `lastDate`), so
/// that `newsindex entities`, the entity card and `--entity` read them instead of totalling
/// mentions (at a million paragraphs the total took 16 s).
///
/// The counts are brought up to date at the end of each index run, from what changed:
/// - mentions in paragraphs written since the last update are added. Those are the paragraphs
///   above `entityCountState.countedThrough` (rowids ascend), plus any id listed in
///   `removedParagraph` that exists again: SQLite hands the highest rowids out again once their
///   rows are deleted;
/// - an entity that lost mentions (listed in `entityRecount` by a trigger when a changed
///   article's paragraphs are deleted, or by a merge) is counted again from all its mentions,
///   since an article count or a date range cannot be decremented.
///
/// A run that never finishes (killed) leaves both lists and `countedThrough` as they were, so
/// the next run's update covers it too.
extension ArchiveWriter {
  /// The share of all mentions past which the entities that lost mentions are not counted
  /// again one by one, but every entity is, in one scan.
  static let recountShareForFullCount = 0.4

  /// What an entity's counts are, over mentions `m` of paragraphs `p` of articles `a` grouped
  /// by entity: the one definition the update and `newsindex check` both use.
  static let countColumns = """
    m.entityID AS id, COUNT(*) AS mentions, COUNT(DISTINCT p.articleID) AS articles,
      MIN(a.date) AS firstDate, MAX(a.date) AS lastDate
    """

  /// Brings every entity's counts up to date with the mentions.
  ///
  /// ```sql
  /// UPDATE entity SET mentions = entity.mentions + added.mentions, … FROM (
  ///   SELECT entityID, COUNT(*) AS mentions, … FROM paragraph JOIN mention … WHERE paragraph.id > ?
  ///   GROUP BY entityID) AS added WHERE entity.id = added.id
  /// ```
  static func updateEntityCounts(in db: Database) throws {
    var countedThrough = try Int64.fetchOne(db, sql: "SELECT countedThrough FROM entityCountState") ?? 0
    // Counting an entity again reads its mentions' paragraphs out of order, 2–2.5× slower per
    // mention than the scan in paragraph order below (100k paragraphs: 1.7–2.0 s for all
    // mentions against 0.7–0.8 s). Past a share of all mentions, one scan counts everything.
    let shares = try Row.fetchOne(
      db,
      sql: """
        SELECT coalesce(sum(mentions), 0) AS total,
          coalesce(sum(mentions) FILTER (WHERE id IN (SELECT entityID FROM entityRecount)), 0) AS again
        FROM entity
        """)
    let again: Int = shares?["again"] ?? 0
    let total: Int = shares?["total"] ?? 0
    if Double(again) > recountShareForFullCount * Double(total) {
      try db.execute(
        sql: """
          UPDATE entity SET mentions = 0, articles = 0, firstDate = NULL, lastDate = NULL;
          DELETE FROM entityRecount;
          """)
      countedThrough = 0
    }
    // No entity (a run with `--no-entities`): nothing to count, and the scan of new paragraphs
    // below would still visit every one (0.4 s at 1M paragraphs).
    if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entity)") == true {
      try countMentions(in: db, since: countedThrough)
    }
    try db.execute(
      sql: """
        DELETE FROM entityRecount;
        DELETE FROM removedParagraph;
        UPDATE entityCountState SET countedThrough = (SELECT coalesce(max(id), 0) FROM paragraph);
        """)
  }

  /// Counts again the entities that lost mentions, and adds the mentions of paragraphs past
  /// `countedThrough` (or removed) to the rest.
  private static func countMentions(in db: Database, since countedThrough: Int64) throws {
    // Entities that lost mentions: from scratch, through the (entityID, paragraphID) index.
    try db.execute(
      sql: """
        UPDATE entity SET mentions = 0, articles = 0, firstDate = NULL, lastDate = NULL
        WHERE id IN (SELECT entityID FROM entityRecount);
        UPDATE entity SET mentions = counted.mentions, articles = counted.articles,
          firstDate = counted.firstDate, lastDate = counted.lastDate
        FROM (
          SELECT \(countColumns)
          FROM entityRecount AS r CROSS JOIN mention AS m ON m.entityID = r.entityID
          CROSS JOIN paragraph AS p ON p.id = m.paragraphID CROSS JOIN article AS a ON a.id = p.articleID
          GROUP BY m.entityID
        ) AS counted
        WHERE entity.id = counted.id;
        """)
    // New mentions, added to the rest. CROSS JOIN keeps the scan in paragraph order (mention's
    // key starts with paragraphID): left to itself SQLite walks mentions by entity and looks
    // each paragraph up at random, 2–3× slower at 100k paragraphs.
    try db.execute(
      sql: """
        UPDATE entity SET
          mentions = entity.mentions + added.mentions,
          articles = entity.articles + added.articles,
          firstDate = coalesce(min(entity.firstDate, added.firstDate), entity.firstDate, added.firstDate),
          lastDate = coalesce(max(entity.lastDate, added.lastDate), entity.lastDate, added.lastDate)
        FROM (
          SELECT \(countColumns)
          FROM (
            SELECT id, articleID FROM paragraph WHERE id > :countedThrough
            UNION ALL
            SELECT paragraph.id, paragraph.articleID
            FROM removedParagraph CROSS JOIN paragraph ON paragraph.id = removedParagraph.id
            WHERE removedParagraph.id <= :countedThrough
          ) AS p
          CROSS JOIN mention AS m ON m.paragraphID = p.id
          CROSS JOIN article AS a ON a.id = p.articleID
          WHERE m.entityID NOT IN (SELECT entityID FROM entityRecount)
          GROUP BY m.entityID
        ) AS added
        WHERE entity.id = added.id;
        """, arguments: ["countedThrough": countedThrough])
  }
}
