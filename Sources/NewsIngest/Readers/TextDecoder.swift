/// Turns a file's bytes into text without ever dropping an article.
///
/// UTF-8 is tried first (a leading byte-order mark is skipped). Bytes that are not valid UTF-8
/// are decoded as Windows-1252, the encoding that Latin-1 exports from Windows tools really use;
/// its five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the Latin-1 code points.
public enum TextDecoder {
  /// The decoded text and whether the fallback was needed.
  public struct Decoded: Sendable, Equatable {
    public var text: String
    public var usedFallback: Bool
  }

  public static func decode<Bytes: Collection>(_ bytes: Bytes) -> Decoded
  where Bytes.Element == UInt8 {
    var slice = Array(bytes)[...]
    if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
    if let text = String(validating: slice, as: UTF8.self) {
      return Decoded(text: text, usedFallback: false)
    }
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(slice.count)
    for byte in slice { scalars.append(windows1252Scalar(for: byte)) }
    return Decoded(text: String(scalars), usedFallback: true)
  }

  /// Windows-1252's 0x80–0x9F row; the rest of the byte range is identical to Latin-1.
  private static let upperControlRow: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  static func windows1252Scalar(for byte: UInt8) -> Unicode.Scalar {
    if (0x80...0x9F).contains(byte) {
      return Unicode.Scalar(upperControlRow[Int(byte) - 0x80])!
    }
    return Unicode.Scalar(byte)
  }

  /// Maps a C1 control character (U+0080–U+009F) to the Windows-1252 character it stood for.
  ///
  /// Text that was decoded as Latin-1 upstream carries these controls where the writer meant
  /// curly quotes, dashes and bullets.
  static func repairedC1Control(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    guard (0x80...0x9F).contains(scalar.value) else { return nil }
    let repaired = windows1252Scalar(for: UInt8(scalar.value))
    return repaired.value == scalar.value ? nil : repaired
  }
}
