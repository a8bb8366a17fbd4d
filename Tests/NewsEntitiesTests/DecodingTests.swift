import Testing

@testable import NewsEntities

@Suite("BILOU tags and greedy decoding")
struct DecodingTests {
  @Test("spans survive a BILOU round trip")
  func roundTrip() {
    let spans = [
      TokenSpan(kind: .person, start: 0, end: 2), TokenSpan(kind: .place, start: 3, end: 4),
      TokenSpan(kind: .organization, start: 4, end: 7),
    ]
    #expect(BILOUTag.decode(BILOUTag.encode(spans, count: 8)) == spans)
  }

  @Test("transitions must close what they open")
  func constraints() {
    let beginPerson = BILOUTag.make(.person, .begin)
    #expect(BILOUTag.isAllowed(previous: beginPerson, next: BILOUTag.make(.person, .last)))
    #expect(!BILOUTag.isAllowed(previous: beginPerson, next: BILOUTag.outside))
    #expect(!BILOUTag.isAllowed(previous: BILOUTag.outside, next: BILOUTag.make(.place, .inside)))
  }

  @Test("greedy decoding follows hand-set weights and respects constraints")
  func greedy() {
    let extractor = FeatureExtractor(bits: 12, featureSet: [])
    let document = TokenizedDocument(sentences: [["visit", "Paris", "now"]])
    let traits = FeatureExtractor.traits(of: document)
    var features: [UInt32] = []
    extractor.extract(document, traits: traits, lexicons: Lexicons(), into: &features)
    let tagCount = BILOUTag.count
    var weights = [Float](repeating: 0, count: (1 << 12) * tagCount)
    // Slot 1 is the exact-word feature. "Paris" prefers I-PER (not allowed after O), then U-LOC.
    let paris = Int(features[extractor.staticCount + 1])
    weights[paris * tagCount + Int(BILOUTag.make(.person, .inside))] = 5
    weights[paris * tagCount + Int(BILOUTag.make(.place, .unit))] = 3
    let tags = weights.withUnsafeBufferPointer {
      GreedyDecoder.decode(
        weights: $0.baseAddress!, extractor: extractor, document: document, traits: traits, features: features
      )
    }
    #expect(BILOUTag.decode(tags) == [TokenSpan(kind: .place, start: 1, end: 2)])
  }
}
