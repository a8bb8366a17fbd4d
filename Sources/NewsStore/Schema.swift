import GRDB

/// The archive's tables, created and upgraded by GRDB migrations.
///
/// - `article`: one row per article. `publicID` is the id users see and type.
/// - `paragraph`: one row per passage, `position` 0-based within its article. Rowids ascend in
///   load order, which keeps FTS5 writing one segment per batch instead of one per row.
/// - `paragraphFTS`: an external-content FTS5 index over the view `paragraphContent`
///   (article title + passage text), so the text is stored once. Rows are written and deleted
///   by ``ArchiveWriter`` directly: GRDB's synchronisation triggers would double the load cost.
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
    return migrator
  }
}
