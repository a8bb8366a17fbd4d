#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file line by line with `getline`, so that a large JSON Lines file is never held
/// in memory whole.
final class LineReader {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: UnsafeMutablePointer<CChar>?
  private var capacity = 0
  private(set) var lineNumber = 0

  init?(path: String) {
    guard let file = fopen(path, "rb") else { return nil }
    self.file = file
  }

  deinit {
    free(buffer)
    fclose(file)
  }

  /// The next line's bytes without its line terminator, or nil at the end of the file.
  func nextLine() -> ArraySlice<UInt8>? {
    let length = getline(&buffer, &capacity, file)
    guard length >= 0, let buffer else { return nil }
    lineNumber += 1
    var end = length
    while end > 0, buffer[end - 1] == 0x0A || buffer[end - 1] == 0x0D { end -= 1 }
    return UnsafeRawBufferPointer(start: buffer, count: end).withMemoryRebound(to: UInt8.self) {
      Array($0)[...]
    }
  }
}
