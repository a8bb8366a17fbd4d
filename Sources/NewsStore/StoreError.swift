import GRDB

/// What can go wrong in the store, worded for the person at the terminal.
///
/// SQLite's own message is kept in `underlying` for `--verbose`, never shown by default.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  case missingArchive(path: String)
  case cannotOpen(path: String, underlying: String)
  case notAnArchive(path: String)
  case newerSchema(path: String)
  case olderSchema(path: String)
  case writeFailed(path: String, underlying: String)
  case readFailed(path: String, underlying: String)
  case diskFull(path: String)
  case busy(path: String)

  public var description: String {
    switch self {
    case .missingArchive(let path):
      "no index at \(path); run 'newsindex index FOLDER' first, or pass --db PATH"
    case .cannotOpen(let path, _):
      "cannot open the index at \(path); check the path and its permissions"
    case .notAnArchive(let path):
      "\(path) is not a NewsIndex index (it is another kind of file); pass another --db PATH"
    case .newerSchema(let path):
      "the index at \(path) was written by a newer NewsIndex; upgrade newsindex to read it"
    case .olderSchema(let path):
      "the index at \(path) was made by an older NewsIndex; run 'newsindex check --db \(path)' once to upgrade it"
    case .writeFailed(let path, _):
      "could not write to the index at \(path); nothing from the failed batch was kept"
    case .readFailed(let path, _):
      "could not read the index at \(path); run 'newsindex stats' to check it"
    case .diskFull(let path):
      "the disk holding \(path) is full; free space and run the same command again (what was indexed before is intact)"
    case .busy(let path):
      "the index at \(path) is locked by another newsindex process; wait for it to finish and retry"
    }
  }

  /// SQLite's message, for `--verbose`.
  public var underlyingMessage: String? {
    switch self {
    case .cannotOpen(_, let message), .writeFailed(_, let message), .readFailed(_, let message):
      message
    default: nil
    }
  }

  /// Wraps a GRDB error at the store boundary.
  static func wrapping(_ error: Error, path: String, writing: Bool) -> StoreError {
    if let storeError = error as? StoreError { return storeError }
    if let databaseError = error as? DatabaseError {
      switch databaseError.resultCode {
      case .SQLITE_FULL: return .diskFull(path: path)
      case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
      case .SQLITE_NOTADB: return .notAnArchive(path: path)
      case .SQLITE_CANTOPEN: return .cannotOpen(path: path, underlying: databaseError.description)
      default: break
      }
      let message = databaseError.message ?? databaseError.description
      return writing
        ? .writeFailed(path: path, underlying: message) : .readFailed(path: path, underlying: message)
    }
    return writing
      ? .writeFailed(path: path, underlying: "\(error)") : .readFailed(path: path, underlying: "\(error)")
  }
}
