import GRDB
import GRDBSQLite

/// `newshasword(text, word)`: 1 when `text` holds `word` as a whole word, ignoring the case of
/// ASCII letters (`word` given in lower case); else 0.
///
/// FTS5 matches the stems its porter tokenizer makes, and porter gives two names one stem
/// when one is the other plus an "s" (Hamas and Hama, the group and the city, are both
/// `hama`). Search checks the word as typed with this function for such names (see
/// `PassageQuery.wordsAsTyped`), on every passage the stem matched: tens of thousands at a
/// million paragraphs, so it reads SQLite's bytes in place. A byte outside ASCII next to the
/// word counts as a letter ("Hamasé" does not hold "hamas").
enum WholeWordFunction {
  static let name = "newshasword"

  static func register(in db: Database) throws {
    let code = sqlite3_create_function_v2(
      db.sqliteConnection, name, 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
      { context, count, arguments in
        guard count == 2, let arguments, let text = sqlite3_value_text(arguments[0]),
          let word = sqlite3_value_text(arguments[1])
        else {
          sqlite3_result_int(context, 0)
          return
        }
        let textBytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(arguments[0])))
        let wordBytes = UnsafeBufferPointer(start: word, count: Int(sqlite3_value_bytes(arguments[1])))
        sqlite3_result_int(context, WholeWordFunction.holds(textBytes, word: wordBytes) ? 1 : 0)
      }, nil, nil, nil)
    guard code == SQLITE_OK else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(name)")
    }
  }

  /// Whether `text` holds `word` (lower case) with no letter, digit or non-ASCII byte on
  /// either side, ASCII letters compared without case.
  static func holds(_ text: UnsafeBufferPointer<UInt8>, word: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !word.isEmpty, text.count >= word.count else { return false }
    let first = word[0]
    var start = 0
    while start + word.count <= text.count {
      if lowered(text[start]) == first {
        var same = true
        for offset in 1..<word.count where lowered(text[start + offset]) != word[offset] {
          same = false
          break
        }
        if same {
          let end = start + word.count
          if (start == 0 || !isWordByte(text[start - 1])) && (end == text.count || !isWordByte(text[end])) {
            return true
          }
        }
      }
      start += 1
    }
    return false
  }

  private static func lowered(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }
}
