/// How far an index run has got, for a progress display.
///
/// Bytes are of the input files as read, so `bytesRead / bytesTotal` is the share of the input
/// that has been read; the last batches are still being tagged and written when it reaches 1.
public struct IngestProgress: Sendable, Equatable {
  /// Bytes of the input read so far: files read whole plus the position in the current one.
  public var bytesRead = 0
  /// Sum of the sizes of the files to read (those of a known format), measured at the start.
  public var bytesTotal = 0
  /// Records turned into articles so far (skipped records not counted).
  public var articlesRead = 0
  public var filesRead = 0
  public var filesTotal = 0
  /// Every input has been read; the last batches and the entity index are being written.
  public var readingDone = false

  public init(
    bytesRead: Int = 0, bytesTotal: Int = 0, articlesRead: Int = 0, filesRead: Int = 0, filesTotal: Int = 0,
    readingDone: Bool = false
  ) {
    self.bytesRead = bytesRead
    self.bytesTotal = bytesTotal
    self.articlesRead = articlesRead
    self.filesRead = filesRead
    self.filesTotal = filesTotal
    self.readingDone = readingDone
  }
}
