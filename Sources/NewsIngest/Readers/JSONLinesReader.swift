import Foundation

/// Reads `.jsonl` / `.ndjson` files: one JSON object per line, one article per object.
///
/// A line that is not a JSON object, or has no text, is reported as `path:line` and skipped;
/// the rest of the file is still read. Numbers given as ids or dates are turned into text.
public struct JSONLinesReader: Sendable {
  public var mapping: FieldMapping

  public init(mapping: FieldMapping = FieldMapping()) {
    self.mapping = mapping
  }

  public func read(path: String, into sink: inout some ArticleSink) {
    guard let reader = LineReader(path: path) else {
      sink.skip(IngestIssue(location: path, message: "cannot be opened (permissions?); skipped"))
      return
    }
    var sawContent = false
    while !sink.isClosed, let next = reader.nextLine() {
      sink.reached(offset: reader.offset)
      let location = "\(path):\(reader.lineNumber)"
      guard case .text(let line) = next else {
        if case .tooLong(let bytes) = next {
          sawContent = true
          sink.skip(
            IngestIssue(
              location: location,
              message: "is \(bytes >> 20) MB long, over the \(LineReader.defaultMaximumLineBytes >> 20) MB limit for one record; line skipped"))
        }
        continue
      }
      guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
      sawContent = true
      switch record(from: line, location: location) {
      case .success(let article): sink.accept(article)
      case .failure(let issue): sink.skip(issue)
      }
    }
    if !sawContent {
      sink.skip(IngestIssue(location: path, message: "is empty; nothing to index"))
    }
  }

  func record(from line: ArraySlice<UInt8>, location: String) -> Result<RawArticle, IngestIssue> {
    let decoded = TextDecoder.decode(line)
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(decoded.text.utf8), options: [])
    } catch {
      return .failure(
        IngestIssue(location: location, message: "is not valid JSON; line skipped"))
    }
    guard let fields = object as? [String: Any] else {
      return .failure(
        IngestIssue(location: location, message: "is JSON but not an object ({…}); line skipped"))
    }
    guard let textKey = mapping.key(of: .text, in: fields.keys) else {
      return .failure(
        IngestIssue(
          location: location,
          message: "has no text field (looked for \(mapping.describe(.text))); line skipped — name it with --text-field"))
    }
    guard let text = fields[textKey] as? String else {
      return .failure(
        IngestIssue(location: location, message: "field '\(textKey)' is not a string; line skipped"))
    }
    func value(_ part: FieldMapping.Part) -> String? {
      guard let key = mapping.key(of: part, in: fields.keys) else { return nil }
      switch fields[key] {
      case let string as String: return string
      case let number as NSNumber: return number.stringValue
      default: return nil
      }
    }
    return .success(
      RawArticle(
        id: value(.id), title: value(.title), text: text, date: value(.date),
        source: value(.source), url: value(.url), location: location,
        decodedWithFallback: decoded.usedFallback))
  }
}
