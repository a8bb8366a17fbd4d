/// SplitMix64: a tiny deterministic generator so that training is reproducible bit for bit.
struct SeededGenerator {
  static let defaultSeed: UInt64 = 20_030_601

  private var state: UInt64

  init(seed: UInt64 = SeededGenerator.defaultSeed) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  /// Uniform in 0..<bound (bias is negligible for the small bounds used here).
  mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// Uniform in [0, 1).
  mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// Fisher–Yates, written out so the order does not depend on the standard library's shuffle.
  mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for index in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(index, next(below: index + 1))
    }
  }
}
