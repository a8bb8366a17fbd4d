/// An RFC 4180 CSV parser over UTF-8 bytes that knows where each row starts and recovers
/// from a broken row.
///
/// Written here rather than taken from a package because the two CSV packages available
/// (SwiftCSV 0.10, CSV.swift 2.5) report neither line numbers nor the row that broke, and
/// stop at (or silently swallow the file after) an unbalanced quote. Here an unclosed quote
/// is reported at the row's first line, and parsing resumes on the next line.
struct CSVParser {
  struct Row: Equatable {
    var fields: [String]
    /// 1-based line number where the row starts.
    var line: Int
  }

  enum Item: Equatable {
    case row(Row)
    /// A quoted field that never closes: everything from `line` to the end was suspect.
    case unclosedQuote(line: Int)
  }

  private let bytes: [UInt8]
  private var position = 0
  private var line = 1
  let delimiter: UInt8

  init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
    self.bytes = bytes
    self.delimiter = delimiter
  }

  /// The next row, or nil at the end of the input.
  mutating func next() -> Item? {
    guard position < bytes.count else { return nil }
    let rowStart = position
    let rowLine = line
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var fieldStart = true

    while position < bytes.count {
      let byte = bytes[position]
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
            field.append(byte)
            position += 2
          } else {
            quoted = false
            position += 1
          }
          continue
        }
        if byte == 0x0A { line += 1 }
        field.append(byte)
        position += 1
        continue
      }
      switch byte {
      case UInt8(ascii: "\"") where fieldStart:
        quoted = true
        fieldStart = false
        position += 1
      case delimiter:
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStart = true
        position += 1
      case 0x0D, 0x0A:
        position += 1
        if byte == 0x0D, position < bytes.count, bytes[position] == 0x0A { position += 1 }
        line += 1
        fields.append(String(decoding: field, as: UTF8.self))
        return .row(Row(fields: fields, line: rowLine))
      default:
        // A stray quote inside an unquoted field is kept as a character, as most tools do.
        field.append(byte)
        fieldStart = false
        position += 1
      }
    }
    if quoted {
      // Recover: restart right after the line on which the broken row began.
      position = rowStart
      line = rowLine
      while position < bytes.count, bytes[position] != 0x0A { position += 1 }
      if position < bytes.count { position += 1 }
      line = rowLine + 1
      return .unclosedQuote(line: rowLine)
    }
    fields.append(String(decoding: field, as: UTF8.self))
    return .row(Row(fields: fields, line: rowLine))
  }
}
