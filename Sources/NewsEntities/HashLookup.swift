/// An immutable open-addressing map from 64-bit hashes to 32-bit values. Lexicon lookups run
/// several times per token, and this is much cheaper than `Dictionary` with its seeded SipHash.
package struct HashLookup: Sendable {
  /// Slots are kept at most this full so that probes stay short.
  static let defaultMaxLoad = 0.5

  private var keys: [UInt64]
  private var values: [UInt32]
  private var mask: Int
  package private(set) var count: Int

  package init(_ entries: [UInt64: UInt32]) {
    // Insert in key order so the layout (and the saved file) is deterministic.
    let keys = entries.keys.sorted()
    self.init(keys: keys, values: keys.map { entries[$0]! })
  }

  /// Entries as parallel arrays (as the model file stores them); a repeated key keeps its last value.
  package init(keys entryKeys: [UInt64], values entryValues: [UInt32]) {
    precondition(entryKeys.count == entryValues.count, "one value per key")
    var capacity = 16
    while Double(entryKeys.count) > Double(capacity) * Self.defaultMaxLoad { capacity <<= 1 }
    keys = [UInt64](repeating: 0, count: capacity)
    values = [UInt32](repeating: 0, count: capacity)
    mask = capacity - 1
    count = 0
    for (key, value) in zip(entryKeys, entryValues) { insert(key, value) }
  }

  private mutating func insert(_ key: UInt64, _ value: UInt32) {
    // Key 0 marks an empty slot, so remap it.
    let key = key == 0 ? 1 : key
    var slot = Int(truncatingIfNeeded: key) & mask
    while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
    if keys[slot] == 0 { count += 1 }
    keys[slot] = key
    values[slot] = value
  }

  @inline(__always)
  package func value(for rawKey: UInt64) -> UInt32? {
    let key = rawKey == 0 ? 1 : rawKey
    return keys.withUnsafeBufferPointer { keys in
      var slot = Int(truncatingIfNeeded: key) & mask
      while true {
        let found = keys[slot]
        if found == key { return values[slot] }
        if found == 0 { return nil }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Calls `body` with every entry, in slot order.
  package func forEach(_ body: (UInt64, UInt32) -> Void) {
    for (slot, key) in keys.enumerated() where key != 0 { body(key, values[slot]) }
  }

  /// All entries, sorted by key (for saving).
  package var entries: [(key: UInt64, value: UInt32)] {
    var result: [(key: UInt64, value: UInt32)] = []
    result.reserveCapacity(count)
    for (slot, key) in keys.enumerated() where key != 0 { result.append((key, values[slot])) }
    return result.sorted { $0.key < $1.key }
  }
}
