#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file line by line through a fixed buffer, so that neither a large file nor a huge
/// single line is ever held in memory whole.
final class LineReader {
  /// Lines longer than this are not returned, only measured: a JSON Lines record this big is
  /// not a news article, and holding it would make memory depend on the input.
  static let defaultMaximumLineBytes = 16 << 20
  static let bufferBytes = 1 << 20

  enum Line {
    case text(ArraySlice<UInt8>)
    /// The line was longer than the maximum; its bytes were skipped.
    case tooLong(bytes: Int)
  }

  private let file: UnsafeMutablePointer<FILE>
  private let maximumLineBytes: Int
  private var buffer = [UInt8](repeating: 0, count: LineReader.bufferBytes)
  private var start = 0
  private var end = 0
  private var atEnd = false
  private(set) var lineNumber = 0
  /// Bytes fread so far; with what is still unread in the buffer, gives ``offset``.
  private var bytesFetched = 0

  init?(path: String, maximumLineBytes: Int = LineReader.defaultMaximumLineBytes) {
    guard let file = fopen(path, "rb") else { return nil }
    self.file = file
    self.maximumLineBytes = maximumLineBytes
  }

  deinit { fclose(file) }

  /// Offset in the file of the first byte not yet returned (for progress display).
  var offset: Int { bytesFetched - (end - start) }

  /// The next line without its terminator (`\n` or `\r\n`), or nil at the end of the file.
  func nextLine() -> Line? {
    var pending: [UInt8] = []
    var skipped = 0
    while true {
      if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
        let piece = buffer[start..<newline]
        start = newline + 1
        lineNumber += 1
        if skipped > 0 || pending.count + piece.count > maximumLineBytes {
          return .tooLong(bytes: skipped + pending.count + piece.count)
        }
        pending += piece
        return .text(LineReader.trimmingCarriageReturn(pending[...]))
      }
      // No line end in the buffer: keep (or only count) what is there, then refill.
      let piece = buffer[start..<end]
      if skipped > 0 || pending.count + piece.count > maximumLineBytes {
        skipped += pending.count + piece.count
        pending = []
      } else {
        pending += piece
      }
      start = 0
      end = 0
      if atEnd || !refill() {
        guard !pending.isEmpty || skipped > 0 else { return nil }
        lineNumber += 1
        return skipped > 0 ? .tooLong(bytes: skipped) : .text(LineReader.trimmingCarriageReturn(pending[...]))
      }
    }
  }

  private func refill() -> Bool {
    let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, LineReader.bufferBytes, file) }
    end = count
    bytesFetched += count
    if count < LineReader.bufferBytes { atEnd = true }
    return count > 0
  }

  private static func trimmingCarriageReturn(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.last == 0x0D ? line.dropLast() : line
  }
}
