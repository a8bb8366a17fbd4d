/// One article as a reader found it, before cleaning: fields are the input's own strings.
public struct RawArticle: Sendable, Equatable {
  public var id: String?
  public var title: String?
  public var text: String
  public var date: String?
  public var source: String?
  public var url: String?
  /// `path` for a whole file, `path:line` for a record inside one.
  public var location: String
  /// True when the article is a whole file, so a changed file replaces its earlier version.
  public var isWholeFile: Bool
  /// True when the bytes were not valid UTF-8 and the Windows-1252 fallback decoded them.
  public var decodedWithFallback: Bool

  public init(
    id: String? = nil, title: String? = nil, text: String, date: String? = nil,
    source: String? = nil, url: String? = nil, location: String, isWholeFile: Bool = false,
    decodedWithFallback: Bool = false
  ) {
    self.id = id
    self.title = title
    self.text = text
    self.date = date
    self.source = source
    self.url = url
    self.location = location
    self.isWholeFile = isWholeFile
    self.decodedWithFallback = decodedWithFallback
  }
}

/// Something a reader could not use, reported as `location: message` and counted as skipped.
public struct IngestIssue: Error, Sendable, Equatable, CustomStringConvertible {
  public var location: String
  public var message: String

  public init(location: String, message: String) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): \(message)" }
}

/// Where a reader sends what it finds. Readers never throw for bad content: they report it
/// and go on with the next record.
public protocol ArticleSink {
  mutating func accept(_ article: RawArticle)
  mutating func skip(_ issue: IngestIssue)
  /// True when the sink wants no more records (the run was interrupted); readers then stop.
  var isClosed: Bool { get }
  /// The reader has consumed the first `offset` bytes of the file it reads (progress display).
  /// Called once per record, so it must be cheap.
  mutating func reached(offset: Int)
}

extension ArticleSink {
  public var isClosed: Bool { false }
  public mutating func reached(offset: Int) {}
}
