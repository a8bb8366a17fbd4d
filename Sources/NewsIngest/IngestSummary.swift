/// What an index run did, for the summary printed at its end.
public struct IngestSummary: Sendable, Equatable {
  public var filesRead = 0
  public var articlesAdded = 0
  public var articlesUpdated = 0
  public var articlesUnchanged = 0
  /// Passages written (of added and updated articles).
  public var paragraphsWritten = 0
  /// Inputs that could not be used, with why.
  public var skipped: [IngestIssue] = []
  /// Files whose bytes were not UTF-8 and were decoded as Windows-1252.
  public var filesDecodedWithFallback: [String] = []
  /// Files ignored because of their extension, counted by extension.
  public var ignoredExtensions: [String: Int] = [:]
  /// Records whose id appeared earlier in this run; the later one replaced the earlier.
  public var duplicateIDs = 0
  /// Articles whose date field could not be read (their date stays empty).
  public var unreadableDates = 0
  /// True when the run was stopped (SIGINT/SIGTERM) before reading all its inputs.
  public var interrupted = false
  /// Articles read but not written because the run was stopped: their batch was rolled back.
  public var articlesDiscarded = 0

  public init() {}

  public var articlesSeen: Int { articlesAdded + articlesUpdated + articlesUnchanged }
  public var ignoredFiles: Int { ignoredExtensions.values.reduce(0, +) }
}
