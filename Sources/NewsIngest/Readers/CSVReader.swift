import Foundation

/// Reads `.csv` files with a header row: one article per row.
///
/// Quoted fields may hold commas, doubled quotes and line breaks. A row with more fields than
/// the header, an unclosed quote, or no text is reported as `path:line` and skipped; a row
/// with fewer fields is padded with empty ones (exports often drop trailing empty columns).
/// The file is streamed, never read whole; each field is decoded on its own (UTF-8, else
/// Windows-1252).
public struct CSVReader: Sendable {
  public var mapping: FieldMapping

  public init(mapping: FieldMapping = FieldMapping()) {
    self.mapping = mapping
  }

  public func read(path: String, into sink: inout some ArticleSink) {
    guard let reader = ByteReader(path: path) else {
      sink.skip(IngestIssue(location: path, message: "cannot be read (permissions?); skipped"))
      return
    }
    var parser = CSVParser(reader: reader)
    // A byte-order mark before the header is not part of the first column's name.
    if reader.peek() == 0xEF {
      let start = reader.offset
      if reader.next() != 0xEF || reader.next() != 0xBB || reader.next() != 0xBF { reader.seek(to: start) }
    }
    guard case .row(let headerRow)? = parser.next() else {
      sink.skip(IngestIssue(location: path, message: "is empty; nothing to index"))
      return
    }
    let header = headerRow.fields.map { TextDecoder.decode($0).text }
    guard header.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
      sink.skip(IngestIssue(location: path, message: "is empty; nothing to index"))
      return
    }
    guard let textColumn = mapping.column(of: .text, in: header) else {
      sink.skip(
        IngestIssue(
          location: "\(path):1",
          message: "header has no text column (looked for \(mapping.describe(.text))); file skipped — name it with --text-field"))
      return
    }
    let columns = Dictionary(
      uniqueKeysWithValues: FieldMapping.Part.allCases.compactMap { part in
        mapping.column(of: part, in: header).map { (part, $0) }
      })
    var rows = 0
    while !sink.isClosed, let item = parser.next() {
      sink.reached(offset: reader.offset)
      switch item {
      case .unclosedQuote(let line):
        rows += 1
        sink.skip(
          IngestIssue(location: "\(path):\(line)", message: "has a quote that never closes; row skipped"))
      case .row(let row):
        if row.fields.count == 1, row.fields[0].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
        rows += 1
        let location = "\(path):\(row.line)"
        guard row.fields.count <= header.count else {
          sink.skip(
            IngestIssue(
              location: location,
              message: "has \(row.fields.count) fields but the header has \(header.count) (an unquoted comma?); row skipped"))
          continue
        }
        var usedFallback = false
        func value(_ column: Int?) -> String? {
          guard let column, column < row.fields.count, !row.fields[column].isEmpty else { return nil }
          let decoded = TextDecoder.decode(row.fields[column])
          usedFallback = usedFallback || decoded.usedFallback
          return decoded.text
        }
        let text = value(textColumn) ?? ""
        let article = RawArticle(
          id: value(columns[.id]), title: value(columns[.title]), text: text, date: value(columns[.date]),
          source: value(columns[.source]), url: value(columns[.url]), location: location)
        var result = article
        result.decodedWithFallback = usedFallback
        sink.accept(result)
      }
    }
    if rows == 0 {
      sink.skip(IngestIssue(location: path, message: "has a header but no rows; nothing to index"))
    }
  }
}
