#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file byte by byte through a fixed buffer, and can go back to an earlier offset
/// (the CSV parser does, to recover from a quote that never closes).
final class ByteReader {
  static let bufferBytes = 1 << 20

  private let file: UnsafeMutablePointer<FILE>
  private var buffer = [UInt8](repeating: 0, count: ByteReader.bufferBytes)
  private var position = 0
  private var count = 0
  /// File offset of `buffer[0]`.
  private var bufferOffset = 0

  init?(path: String) {
    guard let file = fopen(path, "rb") else { return nil }
    self.file = file
  }

  deinit { fclose(file) }

  /// Offset in the file of the next byte `next()` returns.
  var offset: Int { bufferOffset + position }

  func next() -> UInt8? {
    if position == count, !refill() { return nil }
    let byte = buffer[position]
    position += 1
    return byte
  }

  func peek() -> UInt8? {
    if position == count, !refill() { return nil }
    return buffer[position]
  }

  func seek(to offset: Int) {
    if offset >= bufferOffset, offset <= bufferOffset + count {
      position = offset - bufferOffset
      return
    }
    fseek(file, offset, SEEK_SET)
    bufferOffset = offset
    position = 0
    count = 0
  }

  private func refill() -> Bool {
    bufferOffset += count
    position = 0
    count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, ByteReader.bufferBytes, file) }
    return count > 0
  }
}
