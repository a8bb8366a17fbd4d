import GRDB

/// The archive's tables, created and upgraded by GRDB migrations.
///
/// - `article`: one row per article. `publicID` is the id users see and type.
/// - `paragraph`: one row per passage, `position` 0-based within its article. Rowids ascend in
///   load order, which keeps FTS5 writing one segment per batch instead of one per row.
/// - `paragraphFTS`: an external-content FTS5 index over the view `paragraphContent`
///   (article title + passage text), so the text is stored once. Rows are written and deleted
///   by ``ArchiveWriter`` directly: GRDB's synchronisation triggers would double the load cost.
/// - `entity`: one row per named entity, unique by type and ``NameKey`` of its name, with its
///   counts (mentions, articles, first and last date) as of the end of the last index run.
/// - `entityAlias`: other names of an entity; `isDefinition` marks acronyms an article defined,
///   which name the entity everywhere.
/// - `mention`: an entity in a paragraph, with code-point offsets; removed with its paragraph.
/// - `entityFTS`: FTS5 over entity names and aliases, rebuilt at the end of each index run.
/// - `article.tokenCount`: the article's length in tokens (title once, every passage), to rank
///   articles as wholes when results are grouped (migration `rankArticlesFromPassages`, which
///   replaced the whole-article index `articleFTS` of `createArticleIndex`).
/// - `spellingKey`: the index vocabulary (ASCII-letter terms, porter stems) with each term's
///   `VariantKey`, document count and whether it is part of a name; refilled at the end of each
///   index run (`ArchiveWriter+Vocabulary.swift`) and read by key when a query is expanded to
///   other spellings.
/// - `entityCountState`, `entityRecount`, `removedParagraph`: what changed since the entity
///   counts were last brought up to date (`ArchiveWriter+EntityCounts.swift`).
enum Schema {
  /// `porter` stems English ("patrols" finds "patrol"); `unicode61 remove_diacritics 2` folds
  /// case and accents of every script, so "Idlib" finds "IDLIB" and "Aleppó".
  static let tokenizer = "porter unicode61 remove_diacritics 2"

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("createArticlesAndParagraphs") { db in
      try db.execute(
        sql: """
          CREATE TABLE article (
            id INTEGER PRIMARY KEY,
            publicID TEXT NOT NULL UNIQUE,
            sourceID TEXT,
            title TEXT NOT NULL,
            date TEXT,
            source TEXT,
            location TEXT NOT NULL,
            url TEXT,
            ownsLocation INTEGER NOT NULL DEFAULT 0,
            contentHash TEXT NOT NULL,
            paragraphCount INTEGER NOT NULL
          );
          CREATE INDEX article_on_location ON article(location) WHERE ownsLocation;
          CREATE INDEX article_on_date ON article(date);
          CREATE INDEX article_on_source ON article(source COLLATE NOCASE);
          CREATE TABLE paragraph (
            id INTEGER PRIMARY KEY,
            articleID INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
          );
          CREATE INDEX paragraph_on_article ON paragraph(articleID, position);
          CREATE VIEW paragraphContent AS
            SELECT paragraph.id AS id, article.title AS title, paragraph.text AS text
            FROM paragraph JOIN article ON article.id = paragraph.articleID;
          CREATE VIRTUAL TABLE paragraphFTS USING fts5(
            title, text,
            content = 'paragraphContent', content_rowid = 'id',
            tokenize = '\(tokenizer)'
          );
          INSERT INTO paragraphFTS(paragraphFTS, rank) VALUES('automerge', 8);
          """)
    }
    migrator.registerMigration("createEntities") { db in
      try db.execute(
        sql: """
          CREATE TABLE entity (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            nameKey TEXT NOT NULL,
            UNIQUE (type, nameKey)
          );
          CREATE TABLE entityAlias (
            entityID INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            aliasKey TEXT NOT NULL,
            isDefinition INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entityID, aliasKey)
          ) WITHOUT ROWID;
          CREATE INDEX entityAlias_on_aliasKey ON entityAlias(aliasKey);
          CREATE TABLE mention (
            paragraphID INTEGER NOT NULL REFERENCES paragraph(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            entityID INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            PRIMARY KEY (paragraphID, start)
          ) WITHOUT ROWID;
          CREATE INDEX mention_on_entity ON mention(entityID, paragraphID);
          CREATE VIRTUAL TABLE entityFTS USING fts5(
            name, aliases, tokenize = 'unicode61 remove_diacritics 2'
          );
          """)
    }
    migrator.registerMigration("createArticleIndex") { _ in
      // Created the whole-article index `articleFTS`, which `rankArticlesFromPassages` drops;
      // an archive that has not reached this step yet skips building it.
    }
    migrator.registerMigration(Schema.spellingKeyMigration) { db in
      // WITHOUT ROWID: the term is the key, and rows are read by key through the index.
      try db.execute(
        sql: """
          CREATE TABLE spellingKey (
            term TEXT NOT NULL PRIMARY KEY,
            key TEXT NOT NULL,
            docs INTEGER NOT NULL,
            isName INTEGER NOT NULL
          ) WITHOUT ROWID;
          CREATE INDEX spellingKey_on_key ON spellingKey(key);
          """)
      // Archives indexed before this migration get their vocabulary now.
      try ArchiveWriter.fillSpellingKeys(in: db)
    }
    migrator.registerMigration(Schema.entityCountsMigration) { db in
      // Counts kept per entity, so that listing, the card and `--entity` never total mentions.
      // They are brought up to date at the end of each index run (`ArchiveWriter+EntityCounts`):
      // mentions in paragraphs above `entityCountState.countedThrough` are added; entities that
      // lost mentions (a changed article's paragraphs deleted, found by the trigger, which fires
      // on deletes only and so costs nothing while loading) are counted again from scratch.
      // No index on the counts: keeping one up to date made a first Reuters run 0.6 s slower,
      // and listing sorts the entity rows in a few ms (31k entities at 100k paragraphs: 4 ms).
      // The nameKey index is for `--entity`, which looks a name up whatever its type: the
      // (type, nameKey) key cannot serve that, and a scan of all entities took 2 ms at 100k.
      try db.execute(
        sql: """
          CREATE INDEX entity_on_nameKey ON entity(nameKey);
          ALTER TABLE entity ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE entity ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE entity ADD COLUMN firstDate TEXT;
          ALTER TABLE entity ADD COLUMN lastDate TEXT;
          CREATE TABLE entityCountState (countedThrough INTEGER NOT NULL);
          INSERT INTO entityCountState(countedThrough) VALUES (0);
          CREATE TABLE entityRecount (entityID INTEGER PRIMARY KEY);
          CREATE TABLE removedParagraph (id INTEGER PRIMARY KEY);
          CREATE TRIGGER mention_removed AFTER DELETE ON mention BEGIN
            INSERT OR IGNORE INTO entityRecount(entityID) VALUES (OLD.entityID);
          END;
          CREATE TRIGGER paragraph_removed AFTER DELETE ON paragraph BEGIN
            INSERT OR IGNORE INTO removedParagraph(id) VALUES (OLD.id);
          END;
          """)
      // Archives indexed before this migration get their counts now (one pass over mentions).
      try ArchiveWriter.updateEntityCounts(in: db)
    }
    migrator.registerMigration(Schema.articleLengthsMigration) { db in
      // Grouped search now ranks an article by adding up its passages' matches
      // (`newscounts`), with the article's length kept here: the whole-article index cost as
      // much indexing time and space as the passage index itself.
      try db.execute(
        sql: """
          ALTER TABLE article ADD COLUMN tokenCount INTEGER NOT NULL DEFAULT 0;
          DROP TABLE IF EXISTS articleFTS;
          """)
      try ArticleLength.fill(in: db)
    }
    migrator.registerMigration(Schema.hashSizeMigration) { db in
      // FTS5 flushes its in-memory terms as a new segment at each commit and whenever they pass
      // 'hashsize' (1 MB by default, less than one batch): at 8 MB a batch makes one segment,
      // and fewer, larger segments leave less to merge (5% less CPU for a 300k-paragraph load).
      // Queries read the same terms; the memory it takes is bounded by this size.
      try db.execute(sql: "INSERT INTO paragraphFTS(paragraphFTS, rank) VALUES('hashsize', \(ftsHashSize))")
    }
    return migrator
  }

  /// Bytes of terms FTS5 holds in memory before it writes them as a segment.
  static let ftsHashSize = 8 << 20

  /// The migration that raised FTS5's `hashsize`; only writing is affected.
  static let hashSizeMigration = "raiseIndexHashSize"

  /// The migration that added the counts kept per entity.
  ///
  /// An archive without them can still be read (counts are then totalled from the mentions,
  /// as before), so reading does not require it.
  static let entityCountsMigration = "keepEntityCounts"

  /// The migration that added `spellingKey`.
  ///
  /// An archive without it can still be searched (with exact spellings only), so reading does
  /// not require it.
  static let spellingKeyMigration = "createSpellingKeys"
  /// The migration that stored article lengths and dropped `articleFTS`. Without it, grouped
  /// search counts the lengths itself, so reading does not require it.
  static let articleLengthsMigration = "rankArticlesFromPassages"
  static let migrationsOptionalForReading: Set<String> = [
    spellingKeyMigration, entityCountsMigration, articleLengthsMigration, hashSizeMigration,
  ]

  /// Whether every migration a search needs has been applied.
  static func isReadable(_ db: Database) throws -> Bool {
    let applied = try migrator.appliedIdentifiers(db)
    return migrator.migrations.allSatisfy {
      applied.contains($0) || migrationsOptionalForReading.contains($0)
    }
  }
}
