import GRDB

/// How often each term of the paragraph text occurs inside an entity mention: what
/// ``ArchiveWriter/mentionedTerms(textCounts:counts:)`` needs to tell names in an archive
/// indexed with entities.
///
/// The mentioned stretches go through FTS5 with the index's tokenizer, so they are stemmed and
/// counted exactly as the paragraphs were, in a scratch table of a temporary database of its
/// own. So the count needs only a connection that reads mentions and paragraphs, a read-only
/// one included, and can run on another thread while the writer merges entities, counts them
/// and rebuilds `entityFTS` (none of which moves a mention).
struct MentionTermCounts: Sendable {
  /// Occurrences inside mentions, by term.
  var inside: [String: Int] = [:]

  /// Counts over every mention `db` holds.
  static func count(mentionsIn db: Database) throws -> MentionTermCounts {
    try ScratchTermTable.using("mentionWord", columns: ["words"], vocabulary: "row") { scratchDB in
      let insert = try scratchDB.makeStatement(sql: "INSERT INTO mentionWord(rowid, words) VALUES (?, ?)")
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT mention.paragraphID,
            group_concat(substr(paragraph.text, mention.start + 1, mention."end" - mention.start), ' | ')
          FROM mention JOIN paragraph ON paragraph.id = mention.paragraphID
          GROUP BY mention.paragraphID
          """)
      while let row = try rows.next() {
        try insert.execute(arguments: [row[0] as Int64, row[1] as String])
      }
      var counts = MentionTermCounts()
      let terms = try Row.fetchCursor(scratchDB, sql: "SELECT term, cnt FROM mentionWordTerms")
      while let term = try terms.next() {
        counts.inside[term[0]] = term[1]
      }
      return counts
    }
  }
}
