import ArgumentParser
import Foundation
import NewsStore

/// `newsindex`: index a folder of news articles into one SQLite file and search its paragraphs.
@main
struct NewsIndex: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "newsindex",
    abstract: "Full-text search over a news archive, paragraph by paragraph.",
    discussion: """
      Index a folder of articles (.txt/.md, .jsonl/.ndjson, .csv) into one SQLite file, then
      search it. The index file is --db, else $NEWSINDEX_DB, else ./newsindex.db.
      """,
    version: "0.1.0",
    subcommands: [
      Index.self, Search.self, Show.self, Stats.self, Entities.self, Entity.self, Tag.self,
      Check.self, Optimize.self,
    ])
}

/// Exit statuses, documented in the README.
enum ExitStatus {
  /// Some inputs were skipped (the rest was indexed).
  static let someSkipped = ExitCode(1)
  /// Nothing could be done: no index, an unusable --db, a full disk.
  static let failed = ExitCode(2)
  /// The command line or the query cannot be understood (EX_USAGE).
  static let usage = ExitCode(64)
}

/// Prints `newsindex: message` on standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data("newsindex: \(message)\n".utf8))
}

/// Reports a store error in one line (SQLite's own words only with --verbose) and exits 2.
func fail(_ error: StoreError, verbose: Bool) -> ExitCode {
  printError(error.description)
  if verbose, let underlying = error.underlyingMessage { printError("(sqlite: \(underlying))") }
  return ExitStatus.failed
}
