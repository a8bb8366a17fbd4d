/// Per word key, its cluster path and capitalization bucket: the two word lexicons merged into
/// one open-addressing table whose 16-byte slots hold key and values together, so that looking
/// up a token costs one cache line rather than four.
package struct WordTable: Sendable {
  /// The path of a word without a cluster.
  package static let unknownPath: UInt32 = 0xFFFF_FFFD
  /// Slots are kept at most this full so that probes stay short.
  static let defaultMaxLoad = 0.5

  struct Slot {
    var key: UInt64 = 0
    var path: UInt32 = WordTable.unknownPath
    var capitalization: UInt32 = 0
  }

  private var slots: [Slot]
  private let mask: Int

  package init(clusters: HashLookup, capitalization: HashLookup) {
    var capacity = 16
    while Double(clusters.count + capitalization.count) > Double(capacity) * Self.defaultMaxLoad {
      capacity <<= 1
    }
    slots = [Slot](repeating: Slot(), count: capacity)
    mask = capacity - 1
    clusters.forEach { key, path in slots[slot(for: key)].path = path }
    capitalization.forEach { key, bucket in slots[slot(for: key)].capitalization = bucket }
  }

  /// The slot holding `key`, claimed for it if it is not there yet.
  private mutating func slot(for rawKey: UInt64) -> Int {
    let key = rawKey == 0 ? 1 : rawKey  // key 0 marks an empty slot
    var slot = Int(truncatingIfNeeded: key) & mask
    while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
    slots[slot].key = key
    return slot
  }

  /// A word's cluster path (`unknownPath` if none) and capitalization bucket (0 if none).
  @inline(__always)
  package func lookup(_ rawKey: UInt64) -> (path: UInt32, capitalization: UInt32) {
    let key = rawKey == 0 ? 1 : rawKey
    return slots.withUnsafeBufferPointer { slots in
      var slot = Int(truncatingIfNeeded: key) & mask
      while true {
        let found = slots[slot]
        if found.key == key { return (found.path, found.capitalization) }
        if found.key == 0 { return (WordTable.unknownPath, 0) }
        slot = (slot + 1) & mask
      }
    }
  }
}
