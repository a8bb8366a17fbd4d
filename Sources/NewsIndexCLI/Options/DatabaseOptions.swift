import ArgumentParser
import Foundation

/// `--db PATH`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
  /// Used when neither --db nor $NEWSINDEX_DB is given.
  static let defaultPath = "newsindex.db"

  @Option(name: .long, help: "The index file (default: $NEWSINDEX_DB, else ./newsindex.db).")
  var db: String?

  @Flag(name: .long, help: "On failure, also print SQLite's own message.")
  var verbose = false

  var path: String {
    if let db, !db.isEmpty { return db }
    if let fromEnvironment = ProcessInfo.processInfo.environment["NEWSINDEX_DB"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    return DatabaseOptions.defaultPath
  }
}
