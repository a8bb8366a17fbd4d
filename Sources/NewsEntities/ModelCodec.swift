import Foundation

/// Reads and writes `TaggerModel` in a compact little-endian binary format:
///
///     "NERM" version:u32 bits:u32 featureSet:u32 passes:u32
///     per pass:    rows:u32, then per non-zero row: bucket:u32 scale:f32 weights:i16×tagCount
///     3 lexicons:  entries:u32, then per entry: key:u64 value:u32
///
/// Only rows that training touched are stored, each quantized to 16 bits with its own scale (8 bits cost 0.3 F1),
/// which keeps the shipped file a few MB instead of the dense table's tens of MB.
package enum ModelCodec {
  static let magic: [UInt8] = Array("NERM".utf8)
  static let version: UInt32 = 2

  package enum DecodingError: Error, CustomStringConvertible {
    case badHeader, truncated, unsupportedVersion(UInt32)
    package var description: String {
      switch self {
      case .badHeader: "not a NewsEntities model file"
      case .truncated: "model file is truncated"
      case .unsupportedVersion(let version): "unsupported model file version \(version)"
      }
    }
  }

  package static func encode(_ model: TaggerModel) -> Data {
    var data = Data(magic)
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
    append(version)
    append(UInt32(model.bits))
    append(model.featureSet.rawValue)
    let passes = [model.weights] + (model.secondPassWeights.map { [$0] } ?? [])
    append(UInt32(passes.count))
    let tagCount = BILOUTag.count
    for weights in passes {
      var rows: [(UInt32, Float, [Int16])] = []
      let bucketCount = weights.count / tagCount
      for bucket in 0..<bucketCount {
        let row = weights[(bucket * tagCount)..<((bucket + 1) * tagCount)]
        let largest = row.reduce(Float(0)) { max($0, abs($1)) }
        guard largest > 0 else { continue }
        let scale = largest / 32767
        rows.append((UInt32(bucket), scale, row.map { Int16(($0 / scale).rounded()) }))
      }
      append(UInt32(rows.count))
      for (bucket, scale, quantized) in rows {
        append(bucket)
        append(scale.bitPattern)
        for value in quantized { append(value) }
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
    return data
  }

  package static func decode(_ data: Data) throws -> TaggerModel {
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> TaggerModel in
      var offset = 0
      func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        guard offset + MemoryLayout<T>.size <= raw.count else { throw DecodingError.truncated }
        let value = raw.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
      }
      guard raw.count >= 4, Array(raw[0..<4]) == magic else { throw DecodingError.badHeader }
      offset = 4
      let version = try read(UInt32.self)
      guard version == Self.version else { throw DecodingError.unsupportedVersion(version) }
      let bits = Int(try read(UInt32.self))
      guard (8...26).contains(bits) else { throw DecodingError.badHeader }
      let featureSet = FeatureSet(rawValue: try read(UInt32.self))
      let passCount = Int(try read(UInt32.self))
      guard passCount == 1 || passCount == 2 else { throw DecodingError.badHeader }
      let tagCount = BILOUTag.count
      var passes: [[Float]] = []
      for _ in 0..<passCount {
        var weights = [Float](repeating: 0, count: (1 << bits) * tagCount)
        let rows = Int(try read(UInt32.self))
        for _ in 0..<rows {
          let bucket = Int(try read(UInt32.self))
          let scale = Float(bitPattern: try read(UInt32.self))
          guard bucket < (1 << bits) else { throw DecodingError.truncated }
          for tag in 0..<tagCount {
            weights[bucket * tagCount + tag] = Float(try read(Int16.self)) * scale
          }
        }
        passes.append(weights)
      }
      var lexicons: [HashLookup] = []
      for _ in 0..<3 {
        let count = Int(try read(UInt32.self))
        var entries: [UInt64: UInt32] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
          let key = try read(UInt64.self)
          entries[key] = try read(UInt32.self)
        }
        lexicons.append(HashLookup(entries))
      }
      return TaggerModel(
        bits: bits, featureSet: featureSet,
        lexicons: Lexicons(clusters: lexicons[0], capitalization: lexicons[1], gazetteer: lexicons[2]),
        weights: passes[0], secondPassWeights: passCount == 2 ? passes[1] : nil)
    }
  }
}
