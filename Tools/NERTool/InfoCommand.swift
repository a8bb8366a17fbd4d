import Foundation
import NewsEntities

/// `NERTool info [--model PATH]`: how long the model file takes to read and decode, and what
/// its weight table and lexicons hold.
struct InfoCommand {
  let options: ToolOptions

  func run() throws {
    let path = options.value("model") ?? ToolOptions.defaultModelPath
    let start = Date()
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let read = Date()
    let model = try ModelCodec.decode(data)
    let decoded = Date()
    print(
      String(
        format: "info: %@: %d bytes, read in %.1f ms, decoded in %.1f ms", path, data.count,
        read.timeIntervalSince(start) * 1000, decoded.timeIntervalSince(read) * 1000))
    print(
      "info: bits \(model.bits), \(model.extractor.staticCount) static features per token, \(model.weights.passCount) passes"
    )
    let table = model.weights
    print("info: \(table.usedBucketCount) of \(table.bucketCount) buckets used, scales \(table.scales)")
    for pass in 0..<table.passCount {
      var usedRows = 0
      var nonZero = 0
      var histogram = [Int](repeating: 0, count: 17)  // by bit length of the largest lane
      for bucket in table.usedBuckets {
        var largest = 0
        for lane in 0..<WeightTable.lanes {
          let value = abs(Int(table.value(bucket: bucket, pass: pass, lane: lane)))
          if value != 0 { nonZero += 1 }
          largest = max(largest, value)
        }
        if largest > 0 { usedRows += 1 }
        histogram[largest == 0 ? 0 : Int.bitWidth - largest.leadingZeroBitCount] += 1
      }
      print(
        "info: pass \(pass + 1): \(usedRows) rows used, \(nonZero) non-zero lanes; rows by bit length of their largest lane: \(histogram)"
      )
    }
    print(
      "info: lexicons: \(model.lexicons.clusters.count) cluster words, \(model.lexicons.capitalization.count) capitalization words, \(model.lexicons.gazetteer.count) gazetteer entries"
    )
  }
}
