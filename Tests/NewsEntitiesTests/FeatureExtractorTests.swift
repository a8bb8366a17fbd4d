import Testing

@testable import NewsEntities

@Suite("Feature extraction")
struct FeatureExtractorTests {
  @Test("shapes cap character runs and flags capitalization")
  func shapes() {
    let document = TokenizedDocument(sentences: [["McDonald", "McKinley", "U.S.", "1996-08-22", "said"]])
    let traits = FeatureExtractor.traits(of: document)
    #expect(traits.shape[0] == traits.shape[1])
    #expect(traits.shape[0] != traits.shape[4])
    #expect(traits.flags[0] & FeatureExtractor.flagCapitalized != 0)
    #expect(traits.flags[2] & FeatureExtractor.flagAllUpper != 0)
    #expect(traits.flags[3] & FeatureExtractor.flagHasDigit != 0)
    #expect(traits.flags[4] & FeatureExtractor.flagCapitalized == 0)
  }

  @Test("extracts a fixed number of features per token, equal for equal contexts")
  func fixedCount() {
    let extractor = FeatureExtractor(bits: 16, featureSet: [])
    let document = TokenizedDocument(sentences: [["in", "Paris", "today"], ["in", "Paris", "today"]])
    var features: [UInt32] = []
    extractor.extract(
      document, traits: FeatureExtractor.traits(of: document), lexicons: Lexicons(), into: &features)
    let count = extractor.staticCount
    #expect(features.count == 6 * count)
    #expect(features.allSatisfy { $0 < 1 << 16 })
    #expect(Array(features[count..<(2 * count)]) == Array(features[(4 * count)..<(5 * count)]))
    #expect(features[count + 2] != features[2])  // "paris" vs "in" word feature
  }

  @Test("gazetteer features mark the position of a matched entity")
  func gazetteer() {
    var entries: [UInt64: UInt32] = [:]
    Lexicons.addSequence(
      ["New", "York"].map(FeatureExtractor.wordKey), value: 1 << UInt32(EntityKind.place.index), to: &entries)
    let lexicons = Lexicons(gazetteer: HashLookup(entries))
    let extractor = FeatureExtractor(bits: 16, featureSet: [.gazetteer])
    let inCity = TokenizedDocument(sentences: [["to", "New", "York"]])
    let elsewhere = TokenizedDocument(sentences: [["to", "New", "Delhi"]])
    var first: [UInt32] = []
    var second: [UInt32] = []
    extractor.extract(inCity, traits: FeatureExtractor.traits(of: inCity), lexicons: lexicons, into: &first)
    extractor.extract(
      elsewhere, traits: FeatureExtractor.traits(of: elsewhere), lexicons: lexicons, into: &second)
    let placeSlot = extractor.staticCount + FeatureExtractor.baseCount + EntityKind.place.index
    #expect(first[placeSlot] != second[placeSlot])
  }
}
