import GRDB

/// Folds the write-ahead log into the index file from a connection of its own, so that the
/// thread that writes batches only appends to the log.
///
/// SQLite otherwise checkpoints on the writing connection at commit once the log passes
/// 1000 pages: reading the log back, writing the file and syncing it, a tenth of the writer's
/// time during a bulk load. A passive checkpoint from a second connection runs beside the
/// writer (it takes no write lock) and the writer restarts the log once it is folded in.
///
/// Related SQLite documentation: <https://sqlite.org/wal.html#checkpointing>
public final class LogCheckpointer: @unchecked Sendable {
  // Unchecked: the queue serializes every use of its connection.
  /// Log size in pages past which the writer checkpoints by itself again.
  ///
  /// SQLite's default is 1000. The log restarts only when a transaction begins on a fully folded log, which a busy
  /// writer seldom finds, so it grows to this size (40 MB) between restarts; the writer's own
  /// checkpoint then has only the last batch left to copy.
  static let writerBackstopPages = 10_000

  private let connection: DatabaseQueue

  init(path: String) throws {
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.label = "checkpointer"
    connection = try DatabaseQueue(path: path, configuration: configuration)
  }

  /// Copies the committed part of the log into the file, without waiting for the writer.
  public func checkpoint() throws(StoreError) {
    do {
      try connection.writeWithoutTransaction { db in
        _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
      }
    } catch {
      throw StoreError.wrapping(error, path: connection.path, writing: true)
    }
  }
}
