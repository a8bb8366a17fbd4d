import GRDB
import GRDBSQLite
import NewsModel

/// Runs the writer's per-row statements with values bound through SQLite's C API.
///
/// GRDB's arguments (an array of values, each converted, checked and then bound) cost as much
/// per row as SQLite's own insert of a mention, and a tenth of the writer's time for passages.
/// Text is bound without a copy (`SQLITE_STATIC`): the caller keeps the bytes alive until
/// ``execute(in:binding:)`` returns, and the bindings are cleared before it does.
extension Statement {
  func execute(in db: Database, binding bind: (_ handle: OpaquePointer) -> Void) throws {
    let handle = sqliteStatement
    sqlite3_reset(handle)
    bind(handle)
    let code = sqlite3_step(handle)
    sqlite3_clear_bindings(handle)
    guard code == SQLITE_DONE else {
      sqlite3_reset(handle)
      throw failure(code, in: db)
    }
  }

  /// Runs a query with values bound as ``execute(in:binding:)`` does, and calls `read` on each
  /// row it returns.
  func forEachRow(
    in db: Database, binding bind: (_ handle: OpaquePointer) -> Void, read: (_ handle: OpaquePointer) -> Void
  ) throws {
    let handle = sqliteStatement
    sqlite3_reset(handle)
    bind(handle)
    defer {
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
    }
    while true {
      switch sqlite3_step(handle) {
      case SQLITE_ROW: read(handle)
      case SQLITE_DONE: return
      case let code: throw failure(code, in: db)
      }
    }
  }

  private func failure(_ code: Int32, in db: Database) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
  }
}

enum DirectBinding {
  /// SQLite's SQLITE_TRANSIENT (copy the value now), which Swift cannot import as a macro.
  static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  /// Binds a short string as text, copied by SQLite (every byte, a NUL included); nil binds NULL.
  static func bindCopy(_ handle: OpaquePointer, _ index: Int32, _ string: String?) {
    guard let string else {
      sqlite3_bind_null(handle, index)
      return
    }
    string.withUTF8Bytes { bindText(handle, index, $0, destructor: transient) }
  }

  /// Binds UTF-8 bytes as text, by default without a copy (`SQLITE_STATIC`: nil); an empty
  /// buffer (no base address) binds "" rather than NULL.
  static func bindText(
    _ handle: OpaquePointer, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>,
    destructor: sqlite3_destructor_type? = nil
  ) {
    let start = UnsafeRawPointer(bytes.baseAddress ?? ("" as StaticString).utf8Start)
    sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), destructor)
  }
}
