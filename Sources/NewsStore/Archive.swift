import Foundation
import GRDB

/// One index file: opens it, creates or upgrades its schema, and hands out a writer and a reader.
public final class Archive: @unchecked Sendable {
  /// Page cache of the writing connection, in KiB (SQLite's default is 2 MB).
  ///
  /// Every mention adds a key at a random place in `mention_on_entity`: with the default
  /// cache a batch evicts and reads back the same index pages over and over. Readers keep
  /// the default.
  static let writerCacheKiB = 64 << 10

  public let path: String
  let database: any DatabaseWriter

  private init(path: String, database: any DatabaseWriter) {
    self.path = path
    self.database = database
  }

  /// Opens the index at `path` for writing, creating it (and its folder) when missing.
  /// Uses WAL so that searches can run while an index job writes.
  public static func openForWriting(path: String) throws(StoreError) -> Archive {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    if !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw .cannotOpen(path: path, underlying: "\(error)")
      }
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      try Archive.registerFunctions(in: db)
    }
    do {
      let pool = try DatabasePool(path: path, configuration: configuration)
      try checkIsArchive(pool, path: path, allowEmpty: true)
      try Schema.migrator.migrate(pool)
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA cache_size = -\(writerCacheKiB)")
      }
      return Archive(path: path, database: pool)
    } catch {
      throw StoreError.wrapping(error, path: path, writing: true)
    }
  }

  /// Opens an existing index for maintenance (`check`, `optimize`): writable, never created.
  public static func openExisting(path: String) throws(StoreError) -> Archive {
    guard FileManager.default.fileExists(atPath: path) else { throw .missingArchive(path: path) }
    return try openForWriting(path: path)
  }

  /// Opens an existing index for reading only. On a read-only medium (a CD, a read-only
  /// mount), where SQLite cannot create the WAL's shared-memory file, the file is opened as
  /// immutable instead: nothing can change it there anyway.
  public static func openForReading(path: String) throws(StoreError) -> Archive {
    guard FileManager.default.fileExists(atPath: path) else { throw .missingArchive(path: path) }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      try Archive.registerFunctions(in: db)
    }
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try checkIsArchive(queue, path: path, allowEmpty: false)
      return Archive(path: path, database: queue)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY {
      guard !FileManager.default.isWritableFile(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent) else {
        throw StoreError.wrapping(error, path: path, writing: false)
      }
      do {
        let immutable = "file:" + (URL(fileURLWithPath: path).path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
        let queue = try DatabaseQueue(path: immutable, configuration: configuration)
        try checkIsArchive(queue, path: path, allowEmpty: false)
        return Archive(path: path, database: queue)
      } catch {
        throw StoreError.wrapping(error, path: path, writing: false)
      }
    } catch {
      throw StoreError.wrapping(error, path: path, writing: false)
    }
  }

  /// A fresh index in memory, for tests.
  public static func inMemory() throws -> Archive {
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      try Archive.registerFunctions(in: db)
    }
    let queue = try DatabaseQueue(configuration: configuration)
    try Schema.migrator.migrate(queue)
    return Archive(path: ":memory:", database: queue)
  }

  /// The SQL functions search uses, registered on every connection the archive opens.
  static func registerFunctions(in db: Database) throws {
    try RankingFunction.register(in: db)
    try TierFunction.register(in: db)
    try WholeWordFunction.register(in: db)
  }

  public func makeWriter() -> ArchiveWriter { ArchiveWriter(archive: self) }
  public func makeReader() -> ArchiveReader { ArchiveReader(archive: self) }

  /// Refuses files that are SQLite but not ours, and schemas from a newer version.
  private static func checkIsArchive(_ database: some DatabaseReader, path: String, allowEmpty: Bool) throws {
    try database.read { db in
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table','view')")
      if tables.isEmpty {
        if allowEmpty { return }
        throw StoreError.notAnArchive(path: path)
      }
      guard tables.contains("grdb_migrations"), tables.contains("article") else {
        throw StoreError.notAnArchive(path: path)
      }
      if try Schema.migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path: path) }
      if !allowEmpty, try !Schema.isReadable(db) {
        throw StoreError.olderSchema(path: path)
      }
    }
  }
}
