import GRDB
import GRDBSQLite
import NewsModel

/// Writes an article's entities: its aliases, and a `mention` row per mention, each resolved
/// to an `entity` row.
///
/// This is the writer's inner loop when entities are on (750k mentions at 100k paragraphs),
/// so a mention costs one cache lookup and one insert bound through SQLite's C API. Mention
/// rows are inserted at the end of each batch in the order of the `mention_on_entity` index
/// (entity, paragraph): in text order every insert lands on a random page of that index, which
/// outgrows any page cache as the archive grows.
extension ArchiveWriter {
  /// A `mention` row waiting to be inserted.
  struct MentionRow {
    var paragraphID: Int64
    var start: Int64
    var end: Int64
    var entityID: Int64
  }

  /// An entity's name (as written, or its ``NameKey``) with its type: what the cache of
  /// entity row ids is keyed by, without building a string per lookup.
  struct EntityName: Hashable {
    var type: EntityType
    var name: String
  }

  /// Entity row ids already resolved in this run.
  struct EntityIDCache {
    /// By the name as written: names repeat far more than keys differ.
    var byName: [EntityName: Int64] = [:]
    /// By ``NameKey``, the key the `entity` table is unique on.
    var byKey: [EntityName: Int64] = [:]

    mutating func removeAll() {
      byName.removeAll()
      byKey.removeAll()
    }
  }

  func insertEntities(of article: Article, paragraphIDs: [Int64], in db: Database) throws {
    guard !article.mentions.isEmpty || !article.aliases.isEmpty else { return }
    let insertAlias = try db.cachedStatement(
      sql: """
        INSERT INTO entityAlias(entityID, alias, aliasKey, isDefinition) VALUES (?, ?, ?, ?)
        ON CONFLICT (entityID, aliasKey) DO UPDATE SET isDefinition = max(isDefinition, excluded.isDefinition)
        """)
    for alias in article.aliases {
      let entity = try entityID(name: alias.name, type: alias.type, in: db)
      try insertAlias.execute(arguments: [entity, alias.alias, NameKey.of(alias.alias), alias.isDefinition])
    }
    for mention in article.mentions where mention.passage < paragraphIDs.count {
      let entity = try entityID(name: mention.name, type: mention.type, in: db)
      pendingMentions.append(
        MentionRow(
          paragraphID: paragraphIDs[mention.passage], start: Int64(mention.start), end: Int64(mention.end),
          entityID: entity))
    }
  }

  /// Inserts the mentions written since the last call, in index order.
  ///
  /// The rows are the same as inserting them one by one in text order: of two rows for the
  /// same place (paragraph, start) the first is kept, as `INSERT OR IGNORE` in text order would.
  func insertPendingMentions(in db: Database) throws {
    guard !pendingMentions.isEmpty else { return }
    var places = Set<MentionPlace>(minimumCapacity: pendingMentions.count)
    var rows = pendingMentions.filter {
      places.insert(MentionPlace(paragraphID: $0.paragraphID, start: $0.start)).inserted
    }
    pendingMentions.removeAll(keepingCapacity: true)
    rows.sort { ($0.entityID, $0.paragraphID, $0.start) < ($1.entityID, $1.paragraphID, $1.start) }
    let insertMention = try db.cachedStatement(
      sql: "INSERT OR IGNORE INTO mention(paragraphID, start, \"end\", entityID) VALUES (?, ?, ?, ?)")
    for row in rows {
      try insertMention.execute(in: db) { handle in
        sqlite3_bind_int64(handle, 1, row.paragraphID)
        sqlite3_bind_int64(handle, 2, row.start)
        sqlite3_bind_int64(handle, 3, row.end)
        sqlite3_bind_int64(handle, 4, row.entityID)
      }
    }
  }

  /// The key of the `mention` table.
  private struct MentionPlace: Hashable {
    var paragraphID: Int64
    var start: Int64
  }

  /// The entity of this type and name: by its key, else by an acronym some article defined,
  /// else a new one. (CROSS JOIN fixes the join order: left to itself SQLite scans every entity
  /// of the type through the (type, nameKey) index, which made indexing quadratic.)
  private func entityID(name: String, type: EntityType, in db: Database) throws -> Int64 {
    let written = EntityName(type: type, name: name)
    if let cached = entityIDs.byName[written] { return cached }
    let key = EntityName(type: type, name: NameKey.of(name))
    if let cached = entityIDs.byKey[key] {
      entityIDs.byName[written] = cached
      return cached
    }
    var found = try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM entity WHERE type = ? AND nameKey = ?"),
      arguments: [type.rawValue, key.name])
    if found == nil {
      found = try Int64.fetchOne(
        db.cachedStatement(
          sql: """
            SELECT entity.id FROM entityAlias CROSS JOIN entity ON entity.id = entityAlias.entityID
            WHERE entityAlias.aliasKey = ? AND entityAlias.isDefinition AND entity.type = ? LIMIT 1
            """),
        arguments: [key.name, type.rawValue])
    }
    if found == nil {
      try db.cachedStatement(sql: "INSERT INTO entity(name, type, nameKey) VALUES (?, ?, ?)")
        .execute(arguments: [name, type.rawValue, key.name])
      found = db.lastInsertedRowID
    }
    entityIDs.byKey[key] = found
    entityIDs.byName[written] = found
    return found!
  }
}
