/// Hashing used for every feature and lexicon key. It is part of the model format: changing
/// any constant here invalidates trained models.
package enum FeatureHash {
  package static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  package static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// A byte as word keys see it: ASCII lowercased, digits folded to "0".
  @inline(__always)
  package static func fold(_ byte: UInt8) -> UInt8 {
    if byte >= 65 && byte <= 90 { return byte | 0x20 }
    if byte >= 48 && byte <= 57 { return 48 }
    return byte
  }

  /// FNV-1a over bytes, optionally ASCII-lowercased and with digits folded to "0" so that
  /// "1996" and "2001" share a word feature.
  @inline(__always)
  package static func bytes(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
    lowercase: Bool, foldDigits: Bool, seed: UInt64 = FeatureHash.seed
  ) -> UInt64 {
    var hash = seed
    var index = start
    while index < end {
      var byte = buffer[index]
      if lowercase && byte >= 65 && byte <= 90 { byte |= 0x20 }
      if foldDigits && byte >= 48 && byte <= 57 { byte = 48 }
      hash = (hash ^ UInt64(byte)) &* prime
      index += 1
    }
    return hash
  }

  /// Convenience for building lexicons from Swift strings (training time, not the hot path).
  package static func string(_ text: some StringProtocol, lowercase: Bool = true, foldDigits: Bool = false)
    -> UInt64
  {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      FeatureHash.bytes(
        UnsafeBufferPointer(buffer), from: 0, to: buffer.count, lowercase: lowercase, foldDigits: foldDigits)
    }
  }

  /// Combines two 64-bit values into a well-spread 64-bit value (a murmur-style finaliser).
  @inline(__always)
  package static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var x = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019)
    x ^= x >> 31
    x &*= 0xD6E8_FEB8_6659_FD93
    x ^= x >> 29
    x &*= 0xBF58_476D_1CE4_E5B9
    x ^= x >> 32
    return x
  }

  /// Joins a token-sequence hash with the next token's hash (for multi-word lexicon keys).
  @inline(__always)
  package static func extend(_ sequence: UInt64, with token: UInt64) -> UInt64 {
    mix(sequence ^ 0x5bd1_e995, token)
  }
}
