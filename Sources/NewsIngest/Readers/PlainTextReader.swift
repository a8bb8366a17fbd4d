import Foundation

/// Reads a `.txt` or `.md` file as one article.
///
/// Layout understood, top to bottom:
/// - optional front matter: `Key: value` lines (keys `title`, `date`, `source`, `url`, `id`,
///   case-insensitive) ended by a blank line, or the same between `---` lines in Markdown;
/// - the title: a Markdown `# heading`, or the first line(s) up to a blank line or an indented
///   line (PDF text: the seed's title wraps onto a second line, and its body starts indented).
///   At most ``maximumTitleLines`` lines and ``maximumTitleLength`` characters, and not ending
///   like a sentence; otherwise the file has no title line and the body starts at the top;
/// - the body.
/// A date in the file name (`2019-02-18-idlib.txt`) is used when the front matter has none.
public struct PlainTextReader: Sendable {
  public static let maximumTitleLines = 3
  public static let maximumTitleLength = 250
  /// Larger files are not news articles; they are refused rather than read whole.
  public static let maximumFileBytes = 32 << 20

  static let frontMatterKeys: Set<String> = ["title", "date", "source", "url", "id", "outlet", "published"]

  public init() {}

  public func read(path: String, into sink: inout some ArticleSink) {
    // Size first, so that a huge file is refused without being read.
    let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    guard size <= PlainTextReader.maximumFileBytes else {
      sink.skip(
        IngestIssue(
          location: path,
          message: "is \(size >> 20) MB, too large for one article (limit \(PlainTextReader.maximumFileBytes >> 20) MB); skipped"))
      return
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      sink.skip(IngestIssue(location: path, message: "cannot be read (permissions?); skipped"))
      return
    }
    guard data.count <= PlainTextReader.maximumFileBytes else {
      sink.skip(
        IngestIssue(
          location: path,
          message: "is \(data.count >> 20) MB, too large for one article (limit \(PlainTextReader.maximumFileBytes >> 20) MB); skipped"))
      return
    }
    if data.contains(0) {
      sink.skip(IngestIssue(location: path, message: "looks binary (contains NUL bytes); skipped"))
      return
    }
    let decoded = TextDecoder.decode(data)
    guard let article = PlainTextReader.article(from: decoded.text, path: path) else {
      sink.skip(IngestIssue(location: path, message: "has no text; skipped"))
      return
    }
    var result = article
    result.decodedWithFallback = decoded.usedFallback
    sink.accept(result)
  }

  /// Splits a text file's content into front matter, title and body.
  public static func article(from text: String, path: String) -> RawArticle? {
    var lines = TextCleaner.normalizeCharacters(text).split(
      separator: "\n", omittingEmptySubsequences: false)
    while let first = lines.first, first.trimmingSpaces().isEmpty { lines.removeFirst() }
    guard !lines.isEmpty else { return nil }

    let fields = takeFrontMatter(from: &lines)
    let isMarkdown = path.lowercased().hasSuffix(".md")
    let title = fields["title"] ?? takeTitle(from: &lines, markdown: isMarkdown)
    let body = lines.joined(separator: "\n")
    guard body.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
    return RawArticle(
      id: fields["id"], title: title, text: body,
      date: fields["date"] ?? fields["published"] ?? dateInFileName(path),
      source: fields["source"] ?? fields["outlet"], url: fields["url"], location: path,
      isWholeFile: true)
  }

  /// Removes and returns leading `Key: value` lines (or a `---` block) with known keys.
  static func takeFrontMatter(from lines: inout [Substring]) -> [String: String] {
    var fields: [String: String] = [:]
    var index = 0
    let fenced = lines.first?.trimmingSpaces() == "---"
    if fenced { index = 1 }
    while index < lines.count {
      let line = lines[index].trimmingSpaces()
      if fenced && line == "---" {
        index += 1
        break
      }
      if line.isEmpty { break }
      guard let colon = line.firstIndex(of: ":") else { break }
      let key = line[..<colon].trimmingSpaces().lowercased()
      guard frontMatterKeys.contains(key) else { break }
      let value = line[line.index(after: colon)...].trimmingSpaces()
      if !value.isEmpty { fields[key] = String(value) }
      index += 1
    }
    guard !fields.isEmpty else { return [:] }
    lines.removeFirst(index)
    while let first = lines.first, first.trimmingSpaces().isEmpty { lines.removeFirst() }
    return fields
  }

  /// Removes and returns the title lines at the top of the body, when they look like a title.
  static func takeTitle(from lines: inout [Substring], markdown: Bool) -> String? {
    guard let first = lines.first else { return nil }
    if markdown, first.hasPrefix("#") {
      let title = first.drop(while: { $0 == "#" }).trimmingSpaces()
      lines.removeFirst()
      while let next = lines.first, next.trimmingSpaces().isEmpty { lines.removeFirst() }
      return title.isEmpty ? nil : String(title)
    }
    var count = 1
    while count < lines.count, count <= maximumTitleLines {
      let line = lines[count]
      if line.trimmingSpaces().isEmpty || line.first == " " { break }
      count += 1
    }
    guard count <= maximumTitleLines, count < lines.count else { return nil }
    let candidate = lines[..<count].map { $0.trimmingSpaces() }.joined(separator: " ")
    let title = TextCleaner.collapseSpaces(candidate)
    guard title.count <= maximumTitleLength, !title.hasSuffix("."), !title.hasSuffix(","),
      !title.hasSuffix(";"), title.contains(where: { $0.isLetter })
    else { return nil }
    lines.removeFirst(count)
    return title
  }

  /// `YYYY-MM-DD` at the start of the file name, if any.
  static func dateInFileName(_ path: String) -> String? {
    let name = (path as NSString).lastPathComponent
    let prefix = name.prefix(10)
    guard prefix.count == 10, DateParser.parse(String(prefix)) != nil,
      prefix.allSatisfy({ $0.isNumber || $0 == "-" })
    else { return nil }
    return String(prefix)
  }
}
