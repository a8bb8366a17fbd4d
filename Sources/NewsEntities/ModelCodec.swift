import Foundation

/// Reads and writes `TaggerModel` in a compact little-endian binary format.
///
///     "NERM" version:u32 bits:u32 featureSet:u32 passes:u32 per pass: scale:f32
///     weights:   rows:u32, then per used bucket, in bucket order: bucket gap:varint, and per
///                pass: offset:zigzag, lane mask:u16, per set lane: value − offset:zigzag
///     3 lexicons (clusters, capitalization, gazetteer):
///                entries:u32, then per entry, in key order: key:u64 value:u32
///
/// Weights are `WeightTable`'s lanes (at most ±`WeightTable.maxValue`), relative to Outside.
/// Training touches only a few tags of most features, so most of a row's lanes hold the same
/// value (minus the Outside weight); storing that value once as the row's offset leaves few
/// lanes to write.
package enum ModelCodec {
  static let magic: [UInt8] = Array("NERM".utf8)
  static let version: UInt32 = 3

  package enum DecodingError: Error, CustomStringConvertible {
    case badHeader, truncated, badWeight, unsupportedVersion(UInt32)
    package var description: String {
      switch self {
      case .badHeader: "not a NewsEntities model file"
      case .badWeight: "model file has a weight out of range"
      case .truncated: "model file is truncated"
      case .unsupportedVersion(let version):
        "unsupported model file version \(version) (retrain with NERTool train)"
      }
    }
  }

  package static func encode(_ model: TaggerModel) -> Data {
    var bytes: [UInt8] = magic
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    func appendVarint(_ value: UInt64) {
      var value = value
      while value >= 0x80 {
        bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
        value >>= 7
      }
      bytes.append(UInt8(value))
    }
    func appendZigzag(_ value: Int) {
      appendVarint(UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63))
    }
    let table = model.weights
    append(version)
    append(UInt32(model.bits))
    append(model.featureSet.rawValue)
    append(UInt32(table.passCount))
    for scale in table.scales { append(scale.bitPattern) }
    let used = table.usedBuckets
    append(UInt32(used.count))
    var previous = -1
    for bucket in used {
      appendVarint(UInt64(bucket - previous))
      previous = bucket
      for pass in 0..<table.passCount {
        let lanes = (0..<WeightTable.lanes).map { Int(table.value(bucket: bucket, pass: pass, lane: $0)) }
        let offset = mostFrequent(lanes)
        appendZigzag(offset)
        var mask: UInt16 = 0
        for (lane, value) in lanes.enumerated() where value != offset { mask |= 1 << UInt16(lane) }
        append(mask)
        for value in lanes where value != offset { appendZigzag(value - offset) }
      }
    }
    for lexicon in [model.lexicons.clusters, model.lexicons.capitalization, model.lexicons.gazetteer] {
      let entries = lexicon.entries
      append(UInt32(entries.count))
      for entry in entries {
        append(entry.key)
        append(entry.value)
      }
    }
    return Data(bytes)
  }

  /// The value most lanes share (the smallest such value on a tie, for a deterministic file).
  private static func mostFrequent(_ lanes: [Int]) -> Int {
    var best = 0
    var bestCount = 0
    for value in lanes {
      let count = lanes.reduce(0) { $0 + ($1 == value ? 1 : 0) }
      if count > bestCount || (count == bestCount && value < best) {
        best = value
        bestCount = count
      }
    }
    return best
  }

  /// Reads little-endian values and varints from the model bytes, checking every bound.
  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    @inline(__always)
    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
      guard offset + MemoryLayout<T>.size <= bytes.count else { throw DecodingError.truncated }
      let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
      offset += MemoryLayout<T>.size
      return T(littleEndian: value)
    }

    @inline(__always)
    mutating func readVarint() throws -> UInt64 {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while offset < bytes.count && shift < 64 {
        let byte = bytes[offset]
        offset += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift += 7
      }
      throw DecodingError.truncated
    }

    @inline(__always)
    mutating func readZigzag() throws -> Int {
      let value = try readVarint()
      return Int(truncatingIfNeeded: Int64(bitPattern: value >> 1 ^ (0 &- (value & 1))))
    }
  }

  package static func decode(_ data: Data) throws -> TaggerModel {
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> TaggerModel in
      var reader = Reader(bytes: raw)
      guard raw.count >= 4, Array(raw[0..<4]) == magic else { throw DecodingError.badHeader }
      reader.offset = 4
      let version = try reader.read(UInt32.self)
      guard version == Self.version else { throw DecodingError.unsupportedVersion(version) }
      let bits = Int(try reader.read(UInt32.self))
      guard (8...26).contains(bits) else { throw DecodingError.badHeader }
      let featureSet = FeatureSet(rawValue: try reader.read(UInt32.self))
      let passCount = Int(try reader.read(UInt32.self))
      guard passCount == 1 || passCount == 2 else { throw DecodingError.badHeader }
      var scales: [Float] = []
      for _ in 0..<passCount { scales.append(Float(bitPattern: try reader.read(UInt32.self))) }
      let rowCount = Int(try reader.read(UInt32.self))
      guard rowCount <= 1 << bits else { throw DecodingError.badHeader }
      var buckets = [Int](repeating: 0, count: rowCount)
      let rows = WeightTable.allocateRows(count: rowCount)
      var adopted = false
      defer { if !adopted { rows.deallocate() } }
      try (rows + 1).withMemoryRebound(to: Int16.self, capacity: rowCount * 2 * WeightTable.lanes) { lanes in
        var bucket = -1
        var row = lanes
        for index in 0..<rowCount {
          bucket += Int(try reader.readVarint())
          guard bucket < 1 << bits else { throw DecodingError.truncated }
          buckets[index] = bucket
          for pass in 0..<2 {
            let rowOffset = pass < passCount ? try reader.readZigzag() : 0
            var mask = pass < passCount ? try reader.read(UInt16.self) : 0
            guard abs(rowOffset) <= WeightTable.maxValue else { throw DecodingError.badWeight }
            (row + pass * WeightTable.lanes).update(
              repeating: Int16(truncatingIfNeeded: rowOffset), count: WeightTable.lanes)
            while mask != 0 {
              let lane = mask.trailingZeroBitCount
              let value = rowOffset + (try reader.readZigzag())
              guard abs(value) <= WeightTable.maxValue else { throw DecodingError.badWeight }
              row[WeightTable.position(pass: pass, lane: lane)] = Int16(truncatingIfNeeded: value)
              mask &= mask &- 1
            }
          }
          row += 2 * WeightTable.lanes
        }
      }
      adopted = true
      let weights = WeightTable(bucketCount: 1 << bits, scales: scales, usedBuckets: buckets, adopting: rows)
      var lexicons: [HashLookup] = []
      for _ in 0..<3 {
        let count = Int(try reader.read(UInt32.self))
        guard count <= (raw.count - reader.offset) / 12 else { throw DecodingError.truncated }
        var keys = [UInt64](repeating: 0, count: count)
        var values = [UInt32](repeating: 0, count: count)
        for entry in 0..<count {
          keys[entry] = try reader.read(UInt64.self)
          values[entry] = try reader.read(UInt32.self)
        }
        lexicons.append(HashLookup(keys: keys, values: values))
      }
      return TaggerModel(
        bits: bits, featureSet: featureSet,
        lexicons: Lexicons(clusters: lexicons[0], capitalization: lexicons[1], gazetteer: lexicons[2]),
        weights: weights)
    }
  }
}
