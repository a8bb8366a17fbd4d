import Foundation

/// Reads `.csv` files with a header row: one article per row.
///
/// Quoted fields may hold commas, doubled quotes and line breaks. A row with more fields than
/// the header, an unclosed quote, or no text is reported as `path:line` and skipped; a row
/// with fewer fields is padded with empty ones (exports often drop trailing empty columns).
public struct CSVReader: Sendable {
  public var mapping: FieldMapping

  public init(mapping: FieldMapping = FieldMapping()) {
    self.mapping = mapping
  }

  public func read(path: String, into sink: inout some ArticleSink) {
    guard let data = FileManager.default.contents(atPath: path) else {
      sink.skip(IngestIssue(location: path, message: "cannot be read (permissions?); skipped"))
      return
    }
    let decoded = TextDecoder.decode(data)
    var parser = CSVParser(bytes: Array(decoded.text.utf8))
    guard case .row(let headerRow)? = parser.next(),
      headerRow.fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    else {
      sink.skip(IngestIssue(location: path, message: "is empty; nothing to index"))
      return
    }
    let header = headerRow.fields
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
      switch item {
      case .unclosedQuote(let line):
        sink.skip(
          IngestIssue(location: "\(path):\(line)", message: "has a quote that never closes; row skipped"))
      case .row(let row):
        if row.fields.count == 1, row.fields[0].trimmingCharacters(in: .whitespaces).isEmpty {
          continue
        }
        rows += 1
        let location = "\(path):\(row.line)"
        guard row.fields.count <= header.count else {
          sink.skip(
            IngestIssue(
              location: location,
              message: "has \(row.fields.count) fields but the header has \(header.count) (an unquoted comma?); row skipped"))
          continue
        }
        func value(_ part: FieldMapping.Part) -> String? {
          guard let column = columns[part], column < row.fields.count else { return nil }
          let field = row.fields[column]
          return field.isEmpty ? nil : field
        }
        let text = textColumn < row.fields.count ? row.fields[textColumn] : ""
        sink.accept(
          RawArticle(
            id: value(.id), title: value(.title), text: text, date: value(.date),
            source: value(.source), url: value(.url), location: location,
            decodedWithFallback: decoded.usedFallback))
      }
    }
    if rows == 0 {
      sink.skip(IngestIssue(location: path, message: "has a header but no rows; nothing to index"))
    }
  }
}
