import Testing

@testable import NewsEntities

@Suite("Quantized weight table and model file")
struct WeightTableTests {
  static let bits = 10

  /// Deterministic pseudo-random weights in [-1, 1); `density` of the buckets are non-zero.
  static func weights(seed: UInt64, density: Double = 1) -> [Float] {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    var weights = [Float](repeating: 0, count: (1 << bits) * BILOUTag.count)
    for bucket in 0..<(1 << bits) where Double(next() % 1000) < density * 1000 {
      for tag in 0..<BILOUTag.count {
        weights[bucket * BILOUTag.count + tag] = Float(Int64(next() % 2_000_001) - 1_000_000) / 1_000_000
      }
    }
    return weights
  }

  static let document = TokenizedDocument(sentences: [
    ["Peter", "Blackburn", "visited", "New", "York", "on", "Monday", "."],
    ["He", "left", "York", "for", "the", "European", "Commission", "in", "Brussels"],
  ])

  @Test("tags exactly as the float weights do, with one pass and with two")
  func matchesFloatDecoding() {
    let traits = FeatureExtractor.traits(of: Self.document)
    let extractor = FeatureExtractor(bits: Self.bits, featureSet: [])
    var features: [UInt32] = []
    extractor.extract(Self.document, traits: traits, lexicons: Lexicons(), into: &features)
    let first = Self.weights(seed: 1)
    let second = Self.weights(seed: 2)
    let firstTags = first.withUnsafeBufferPointer {
      GreedyDecoder.decode(
        weights: $0.baseAddress!, extractor: extractor, document: Self.document, traits: traits,
        features: features)
    }
    var documentFeatures: [UInt32] = []
    extractor.extractDocumentFeatures(
      Self.document, traits: traits, firstPassTags: firstTags, into: &documentFeatures)
    let secondTags = second.withUnsafeBufferPointer {
      GreedyDecoder.decode(
        weights: $0.baseAddress!, extractor: extractor, document: Self.document, traits: traits,
        features: features,
        documentFeatures: documentFeatures)
    }
    #expect(Set(firstTags).count > 3, "random weights should exercise several tags")
    let onePass = TaggerModel(
      bits: Self.bits, featureSet: [], lexicons: Lexicons(), weights: first, secondPassWeights: nil)
    #expect(onePass.tag(Self.document) == firstTags)
    let twoPasses = TaggerModel(
      bits: Self.bits, featureSet: [], lexicons: Lexicons(), weights: first, secondPassWeights: second)
    #expect(twoPasses.tag(Self.document) == secondTags)
  }

  @Test("stores each lane relative to Outside, unused buckets read as zero")
  func relativeToOutside() {
    var weights = [Float](repeating: 0, count: (1 << Self.bits) * BILOUTag.count)
    weights[7 * BILOUTag.count] = 2  // Outside
    weights[7 * BILOUTag.count + 5] = 3
    let table = WeightTable(passes: [weights])
    #expect(table.usedBuckets == [7])
    let scale = table.scales[0]
    #expect(abs(Float(table.value(bucket: 7, pass: 0, lane: 4)) * scale - 1) <= scale)
    #expect(abs(Float(table.value(bucket: 7, pass: 0, lane: 0)) * scale + 2) <= scale)
    #expect(table.value(bucket: 8, pass: 0, lane: 4) == 0)
  }

  static func model() -> TaggerModel {
    var gazetteer: [UInt64: UInt32] = [:]
    Lexicons.addSequence([11, 12], value: 1 << 2, to: &gazetteer)
    let lexicons = Lexicons(
      clusters: HashLookup([5: 0x0300_0005, 6: 0x0200_0001]), capitalization: HashLookup([5: 9, 7: 2]),
      gazetteer: HashLookup(gazetteer))
    return TaggerModel(
      bits: bits, featureSet: [.capitalization, .clusters, .gazetteer, .titles], lexicons: lexicons,
      weights: weights(seed: 3, density: 0.3), secondPassWeights: weights(seed: 4, density: 0.3))
  }

  @Test("the model file keeps every weight, scale, feature group and lexicon entry")
  func roundTrip() throws {
    let model = Self.model()
    let decoded = try ModelCodec.decode(ModelCodec.encode(model))
    #expect(decoded.bits == model.bits)
    #expect(decoded.featureSet == model.featureSet)
    #expect(decoded.weights.scales == model.weights.scales)
    #expect(decoded.weights.usedBuckets == model.weights.usedBuckets)
    for bucket in model.weights.usedBuckets {
      for pass in 0..<2 {
        for lane in 0..<WeightTable.lanes {
          #expect(
            decoded.weights.value(bucket: bucket, pass: pass, lane: lane)
              == model.weights.value(bucket: bucket, pass: pass, lane: lane))
        }
      }
    }
    #expect(decoded.lexicons.clusters.entries.map(\.key) == model.lexicons.clusters.entries.map(\.key))
    #expect(
      decoded.lexicons.capitalization.entries.map(\.value)
        == model.lexicons.capitalization.entries.map(\.value))
    #expect(decoded.lexicons.gazetteer.entries.map(\.value) == model.lexicons.gazetteer.entries.map(\.value))
    #expect(decoded.tag(Self.document) == model.tag(Self.document))
  }

  @Test("a truncated or foreign file is rejected, not misread")
  func rejectsDamagedFiles() {
    let data = ModelCodec.encode(Self.model())
    #expect(throws: ModelCodec.DecodingError.self) { try ModelCodec.decode(data.prefix(data.count / 2)) }
    #expect(throws: ModelCodec.DecodingError.self) { try ModelCodec.decode(data.prefix(data.count - 1)) }
    var foreign = data
    foreign[0] = UInt8(ascii: "X")
    #expect(throws: ModelCodec.DecodingError.self) { try ModelCodec.decode(foreign) }
  }
}
