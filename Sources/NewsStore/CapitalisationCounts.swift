import Dispatch
import GRDB
import NewsModel

/// How often each term of the paragraph text is capitalised away from a sentence start, and how
/// often it starts a sentence: what ``ArchiveWriter/capitalisedTerms(textCounts:counts:)`` needs
/// to tell names in an archive indexed without entities.
///
/// Only the capitalised mid-sentence words and the sentence-initial words (``CapitalisationSample``)
/// go through FTS5 to be stemmed as the index stems them, in a scratch table of a temporary
/// database of its own. So the count needs only a connection that reads paragraphs, a read-only
/// one included, and can run on another thread while the writer scans the vocabulary.
struct CapitalisationCounts: Sendable {
  /// Paragraph text handed to FTS5 per row.
  static let chunkBytes = 1 << 16

  /// Capitalised occurrences away from a sentence start, by term.
  var capitalised: [String: Int] = [:]
  /// Occurrences that start a sentence, by term.
  var initial: [String: Int] = [:]

  /// Counts over the text of every paragraph `db` holds.
  static func count(paragraphsIn db: Database) throws -> CapitalisationCounts {
    let tally = try Tally()
    let texts = try String.fetchCursor(db, sql: "SELECT text FROM paragraph")
    while let text = try texts.next() { try tally.add(text) }
    return try tally.counts()
  }

  /// Counts text given one piece at a time: the words that matter gather in a
  /// ``CapitalisationSample`` and go to a scratch FTS5 table ``chunkBytes`` at a time, all in one
  /// transaction (FTS5 writes its terms at each commit).
  final class Tally {
    private let scratch: DatabaseQueue
    private var sample = CapitalisationSample()
    private var chunks = 0

    init() throws {
      scratch = try ScratchTermTable.create(
        "capitalisedWord", columns: ["capitalised", "initial"], vocabulary: "col")
      try scratch.writeWithoutTransaction { db in try db.execute(sql: "BEGIN") }
    }

    func add(_ text: String) throws {
      sample.add(text)
      if sample.byteCount >= chunkBytes { try flush() }
    }

    private func flush() throws {
      chunks += 1
      try scratch.writeWithoutTransaction { db in
        try db.cachedStatement(sql: "INSERT INTO capitalisedWord(rowid, capitalised, initial) VALUES (?, ?, ?)")
          .execute(arguments: [chunks, sample.capitalised, sample.initial])
      }
      sample = CapitalisationSample()
    }

    /// The counts of all text added so far.
    func counts() throws -> CapitalisationCounts {
      if sample.byteCount > 0 { try flush() }
      return try scratch.writeWithoutTransaction { db in
        var counts = CapitalisationCounts()
        let rows = try Row.fetchCursor(db, sql: "SELECT term, col, cnt FROM capitalisedWordTerms")
        while let row = try rows.next() {
          let column: String = row[1]
          if column == "capitalised" {
            counts.capitalised[row[0]] = row[2]
          } else {
            counts.initial[row[0]] = row[2]
          }
        }
        return counts
      }
    }
  }
}

/// Counts the capitalisation of an index run's text while the run writes it, on a thread of its
/// own, so that a run into an empty archive needs no pass over every paragraph at its end
/// (see ``ArchiveWriter/makeCapitalisationCounter()``).
///
/// At most ``depth`` batches wait; ``add(_:)`` blocks beyond that, so memory stays bounded.
public final class CapitalisationCounter: @unchecked Sendable {
  // Unchecked: `tally` and `failure` are only used on `queue`.
  static let depth = 2

  private let tally: CapitalisationCounts.Tally
  private let queue = DispatchQueue(label: "newsindex.capitalisation")
  private let slots = DispatchSemaphore(value: CapitalisationCounter.depth)
  private var failure: (any Error)?

  init() throws {
    tally = try CapitalisationCounts.Tally()
  }

  /// Counts the passages of `articles`; returns at once unless ``depth`` batches wait.
  public func add(_ articles: [Article]) {
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      guard failure == nil else { return }
      do {
        for article in articles {
          for passage in article.passages { try tally.add(passage) }
        }
      } catch {
        failure = error
      }
    }
  }

  /// The counts of every passage added, once the batches still waiting are counted.
  func counts() throws -> CapitalisationCounts {
    try queue.sync {
      if let failure { throw failure }
      return try tally.counts()
    }
  }
}
