import GRDB
import GRDBSQLite

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
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
    }
  }
}

enum DirectBinding {
  /// Binds UTF-8 bytes as text; an empty buffer (no base address) binds "" rather than NULL.
  static func bindText(_ handle: OpaquePointer, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    let start = UnsafeRawPointer(bytes.baseAddress ?? ("" as StaticString).utf8Start)
    sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
  }
}
