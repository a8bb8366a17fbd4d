/// Reads single Unicode scalars out of valid UTF-8 (a Swift string's own bytes), for the
/// cleaning rules that scan bytes and decode a scalar only where they need one.
enum UTF8Scalar {
  /// The scalar starting at `index`, a scalar boundary, and its length in bytes.
  static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int
  ) -> (scalar: Unicode.Scalar, width: Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    var value = UInt32(lead) & (0x7F >> width)
    for offset in 1..<min(width, bytes.count - index) {
      value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
  }

  /// The boundary of the scalar that ends just before `index`.
  static func start(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var start = index - 1
    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return start
  }
}
