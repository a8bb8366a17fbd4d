/// FNV-1a over UTF-8 bytes: deterministic across runs and machines, unlike `Hasher`.
///
/// Used for article ids when the input has none, and to detect changed articles on re-index.
public struct ContentHash: Sendable {
  private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let prime: UInt64 = 0x0000_0100_0000_01b3

  private var state = ContentHash.offsetBasis

  public init() {}

  /// Adds a string followed by a separator byte, so that ("ab","c") and ("a","bc") differ.
  public mutating func add(_ text: String) {
    text.withUTF8Bytes { bytes in
      for byte in bytes { mix(byte) }
    }
    mix(0x1F)
  }

  private mutating func mix(_ byte: UInt8) {
    state ^= UInt64(byte)
    state = state &* ContentHash.prime
  }

  /// 16 lowercase hex digits.
  public var hexDigest: String {
    let hex = String(state, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
