/// An RFC 4180 CSV parser that streams a file, knows where each row starts, and recovers from
/// a broken row.
///
/// Written here rather than taken from a package because the two CSV packages available
/// (SwiftCSV 0.10, CSV.swift 2.5) report neither line numbers nor the row that broke, read the
/// whole file, and stop at (or silently swallow the file after) an unbalanced quote. Here a
/// quoted field that never closes, or grows past ``maximumFieldBytes``, is reported at the row's
/// first line, and parsing resumes on the next line. Fields are returned as bytes; the reader
/// decodes them, so one badly encoded field cannot change how the others read.
struct CSVParser {
  /// A quoted field longer than this is taken for an unclosed quote.
  static let maximumFieldBytes = 16 << 20

  struct Row: Equatable {
    var fields: [[UInt8]]
    /// 1-based line number where the row starts.
    var line: Int
  }

  enum Item: Equatable {
    case row(Row)
    /// A quoted field that never closes: the row starting at `line` was skipped.
    case unclosedQuote(line: Int)
  }

  private let reader: ByteReader
  private var line = 1
  let delimiter: UInt8

  init(reader: ByteReader, delimiter: UInt8 = UInt8(ascii: ",")) {
    self.reader = reader
    self.delimiter = delimiter
  }

  /// The next row, or nil at the end of the input.
  mutating func next() -> Item? {
    guard reader.peek() != nil else { return nil }
    let rowStart = reader.offset
    let rowLine = line
    var fields: [[UInt8]] = []
    var field: [UInt8] = []
    var quoted = false
    var fieldStart = true

    while let byte = reader.next() {
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if reader.peek() == UInt8(ascii: "\"") {
            field.append(byte)
            _ = reader.next()
          } else {
            quoted = false
          }
          continue
        }
        if byte == 0x0A { line += 1 }
        field.append(byte)
        if field.count > CSVParser.maximumFieldBytes { return recover(rowStart: rowStart, rowLine: rowLine) }
        continue
      }
      switch byte {
      case UInt8(ascii: "\"") where fieldStart:
        quoted = true
        fieldStart = false
      case delimiter:
        fields.append(field)
        field.removeAll(keepingCapacity: true)
        fieldStart = true
      case 0x0D, 0x0A:
        if byte == 0x0D, reader.peek() == 0x0A { _ = reader.next() }
        line += 1
        fields.append(field)
        return .row(Row(fields: fields, line: rowLine))
      default:
        // A stray quote inside an unquoted field is kept as a character, as most tools do.
        field.append(byte)
        fieldStart = false
        if field.count > CSVParser.maximumFieldBytes { return recover(rowStart: rowStart, rowLine: rowLine) }
      }
    }
    if quoted { return recover(rowStart: rowStart, rowLine: rowLine) }
    fields.append(field)
    return .row(Row(fields: fields, line: rowLine))
  }

  /// Goes back to the broken row's first line and resumes on the line after it.
  private mutating func recover(rowStart: Int, rowLine: Int) -> Item {
    reader.seek(to: rowStart)
    while let byte = reader.next(), byte != 0x0A {}
    line = rowLine + 1
    return .unclosedQuote(line: rowLine)
  }
}
