/// The weights of both passes as the tagger reads them: per feature bucket one 64-byte row of
/// 32 `Int16` lanes, 16 for the first pass then 16 for the second, one per entity tag, each
/// relative to the Outside tag.
///
/// Why this layout:
/// - A greedy tagger only compares the scores of one token's tags, so subtracting the Outside
///   score from every tag changes nothing; Outside then scores 0 and needs no storage.
/// - Both passes read the same static features, so keeping a bucket's two rows in one cache
///   line halves the lines a token touches, and tagging is bound by those reads.
/// - One scale per pass (not per row) lets rows be summed as integers. Values stay within
///   ±`maxValue`, so that `chunk` rows add up in 16 bits without overflow before the sum is
///   widened to 32 bits: a plain vector add per row. Within a pass, entity tags j and j + 8
///   share a 32-bit pair (`position(pass:lane:)`), so that two shifts of the 16-bit sum read
///   as 16 `Int32` lanes widen it into `Sum`'s two halves in tag order.
/// - Only buckets that training touched are stored, packed in bucket order. A bucket finds its
///   row through its rank among the used buckets: a bit set per 64 buckets plus a running
///   count, 16 bytes per block, small enough to stay in cache. Unused buckets, which unseen
///   feature values hash to, all map to row 0, which is zero.
package final class WeightTable: @unchecked Sendable {
  /// Entity tags per pass (every BILOU tag but Outside).
  package static let lanes = 16
  /// Largest stored magnitude: 12 bits, a step of 1/4095 of the largest weight.
  package static let maxValue = 4095
  /// Rows summed in 16 bits before widening (`chunk * maxValue` fits in `Int16`).
  static let chunk = 8
  static let defaultAlignment = 64

  /// Occupancy of 64 consecutive buckets and the number of used buckets before them.
  struct Block {
    var used: UInt64 = 0
    var rank: UInt32 = 0
  }

  package let bucketCount: Int
  package let passCount: Int
  /// Per pass, a stored value `q` stands for the weight `q * scale`.
  package let scales: [Float]
  package let usedBucketCount: Int
  private let blocks: UnsafeMutablePointer<Block>
  /// `usedBucketCount + 1` rows: row 0 is zero, then the used buckets' rows in bucket order.
  private let rows: UnsafeMutablePointer<SIMD32<Int16>>

  /// Allocates storage for `count` used rows plus the zero row, for `init(adopting:…)`.
  package static func allocateRows(count: Int) -> UnsafeMutablePointer<SIMD32<Int16>> {
    let rows = UnsafeMutableRawPointer.allocate(
      byteCount: (count + 1) * MemoryLayout<SIMD32<Int16>>.stride, alignment: defaultAlignment
    ).bindMemory(to: SIMD32<Int16>.self, capacity: count + 1)
    rows.initialize(to: SIMD32<Int16>())
    return rows
  }

  /// Builds a table around rows from `allocateRows(count:)`, which it owns from now on.
  ///
  /// Rows 1… hold the rows of `usedBuckets` (increasing), in order, with their lanes at
  /// `position(pass:lane:)`.
  package init(
    bucketCount: Int, scales: [Float], usedBuckets: [Int], adopting rows: UnsafeMutablePointer<SIMD32<Int16>>
  ) {
    precondition(scales.count == 1 || scales.count == 2, "a model has one or two passes")
    precondition(bucketCount % 64 == 0, "bucket count must be a multiple of 64")
    self.bucketCount = bucketCount
    self.scales = scales
    self.rows = rows
    passCount = scales.count
    usedBucketCount = usedBuckets.count
    let blockCount = bucketCount / 64
    blocks = UnsafeMutableRawPointer.allocate(
      byteCount: blockCount * MemoryLayout<Block>.stride, alignment: Self.defaultAlignment
    ).bindMemory(to: Block.self, capacity: blockCount)
    blocks.initialize(repeating: Block(), count: blockCount)
    var previous = -1
    for bucket in usedBuckets {
      precondition(bucket > previous && bucket < bucketCount, "used buckets must be increasing and in range")
      previous = bucket
      blocks[bucket >> 6].used |= 1 << UInt64(bucket & 63)
    }
    var rank: UInt32 = 0
    for block in 0..<blockCount {
      blocks[block].rank = rank
      rank += UInt32(blocks[block].used.nonzeroBitCount)
    }
  }

  /// Quantizes trained weights: per pass, `BILOUTag.count` floats per bucket, Outside first.
  package convenience init(passes: [[Float]]) {
    let tagCount = BILOUTag.count
    let bucketCount = passes[0].count / tagCount
    precondition(passes.allSatisfy { $0.count == bucketCount * tagCount }, "passes must have equal sizes")
    let scales = passes.map { weights in
      var largest: Float = 0
      for bucket in 0..<bucketCount {
        let outside = weights[bucket * tagCount]
        for tag in 1..<tagCount { largest = max(largest, abs(weights[bucket * tagCount + tag] - outside)) }
      }
      return largest > 0 ? largest / Float(Self.maxValue) : 1
    }
    func quantized(_ bucket: Int) -> SIMD32<Int16> {
      var row = SIMD32<Int16>()
      for (pass, weights) in passes.enumerated() {
        let outside = weights[bucket * tagCount]
        for lane in 0..<Self.lanes {
          let value = (weights[bucket * tagCount + 1 + lane] - outside) / scales[pass]
          row[Self.position(pass: pass, lane: lane)] = Int16(value.rounded())
        }
      }
      return row
    }
    var used: [Int] = []
    var usedRows: [SIMD32<Int16>] = []
    for bucket in 0..<bucketCount {
      let row = quantized(bucket)
      guard row != SIMD32<Int16>() else { continue }
      used.append(bucket)
      usedRows.append(row)
    }
    let rows = Self.allocateRows(count: used.count)
    (rows + 1).initialize(from: usedRows, count: usedRows.count)
    self.init(bucketCount: bucketCount, scales: scales, usedBuckets: used, adopting: rows)
  }

  deinit {
    blocks.deallocate()
    rows.deallocate()
  }

  /// Where entity lane `lane` (BILOU tag `lane + 1`) of a pass sits in a row.
  @inline(__always)
  package static func position(pass: Int, lane: Int) -> Int {
    pass * lanes + (lane < 8 ? 2 * lane : 2 * (lane - 8) + 1)
  }

  /// The stored value of one entity lane of one pass in a bucket's row (0 if unused).
  package func value(bucket: Int, pass: Int, lane: Int) -> Int16 {
    rows[rowIndex(UInt32(bucket))][Self.position(pass: pass, lane: lane)]
  }

  @inline(__always)
  private func rowIndex(_ bucket: UInt32) -> Int {
    let block = blocks[Int(bucket >> 6)]
    let bit: UInt64 = 1 << UInt64(bucket & 63)
    let rank = Int(block.rank) + (block.used & (bit &- 1)).nonzeroBitCount + 1
    return block.used & bit != 0 ? rank : 0
  }

  /// Buckets whose row is not zero, in increasing order.
  package var usedBuckets: [Int] {
    var result: [Int] = []
    result.reserveCapacity(usedBucketCount)
    for block in 0..<(bucketCount / 64) {
      var used = blocks[block].used
      while used != 0 {
        result.append(block << 6 | used.trailingZeroBitCount)
        used &= used &- 1
      }
    }
    return result
  }

  // MARK: - Scoring

  /// Row sums of both passes, widened to 32 bits: `low` holds entity lanes 0–7 of the first
  /// pass then of the second, `high` lanes 8–15.
  package struct Sum {
    var low = SIMD16<Int32>()
    var high = SIMD16<Int32>()

    @inline(__always)
    mutating func add(_ row: SIMD32<Int16>) {
      let pairs = unsafeBitCast(row, to: SIMD16<Int32>.self)
      low &+= (pairs &<< 16) &>> 16
      high &+= pairs &>> 16
    }

    /// One pass's scores, entity lane order (BILOU tags 1…16).
    @inline(__always)
    func scores(pass: Int) -> SIMD16<Int32> {
      pass == 0
        ? SIMD16(lowHalf: low.lowHalf, highHalf: high.lowHalf)
        : SIMD16(lowHalf: low.highHalf, highHalf: high.highHalf)
    }
  }

  /// Replaces feature buckets by the indices of their rows, in place.
  func mapToRows(_ features: UnsafeMutableBufferPointer<UInt32>) {
    for index in features.indices { features[index] = UInt32(truncatingIfNeeded: rowIndex(features[index])) }
  }

  /// Adds each token's rows to its sum: `count` row indices (from `mapToRows`) per token.
  ///
  /// The reads are all independent and the loop is short, so that many of them can be in
  /// flight at once.
  @inline(__always)
  func addRows(_ rowIndices: UnsafePointer<UInt32>, count: Int, to sums: UnsafeMutableBufferPointer<Sum>) {
    var rowIndices = rowIndices
    for token in sums.indices {
      var sum = sums[token]
      var slot = 0
      while slot < count {
        let chunkEnd = min(slot + Self.chunk, count)
        var partial = rows[Int(rowIndices[slot])]
        slot += 1
        while slot < chunkEnd {
          partial &+= rows[Int(rowIndices[slot])]
          slot += 1
        }
        sum.add(partial)
      }
      rowIndices += count
      sums[token] = sum
    }
  }

  /// The scores of one pass for a bucket.
  @inline(__always)
  func scores(_ bucket: UInt32, pass: Int) -> SIMD16<Int32> {
    var sum = Sum()
    sum.add(rows[rowIndex(bucket)])
    return sum.scores(pass: pass)
  }
}
