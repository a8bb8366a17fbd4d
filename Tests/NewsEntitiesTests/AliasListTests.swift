import Testing

@testable import NewsEntities

@Suite("Alias list")
struct AliasListTests {
  @Test("matches the longest listed name, token by token and case-sensitively")
  func longestMatch() {
    let aliases = AliasList(
      text:
        "# Syrian groups\norganization\tHayat Tahrir al-Sham\norganization\tTahrir al-Sham\nplace\tDeir ez-Zor\nbogus\tline\n"
    )
    #expect(aliases.count == 3)
    let document = TextTokenizer().tokenize(
      "HTS, or Hayat Tahrir al-Sham-led forces near Deir ez-Zor and tahrir al-Sham")
    let matches = aliases.matches(in: document, traits: FeatureExtractor.traits(of: document))
    #expect(
      matches == [
        [TokenSpan(kind: .organization, start: 3, end: 6), TokenSpan(kind: .place, start: 10, end: 12)]
      ])
  }

  @Test("a name listed twice keeps its last kind; a name inside a longer one still matches alone")
  func repeatsAndPrefixes() {
    let aliases = AliasList(text: "place\tIdlib\norganization\tIdlib\nplace\tIdlib Governorate\n")
    let document = TextTokenizer().tokenize("Idlib and Idlib Governorate")
    let matches = aliases.matches(in: document, traits: FeatureExtractor.traits(of: document))
    #expect(
      matches == [
        [TokenSpan(kind: .organization, start: 0, end: 1), TokenSpan(kind: .place, start: 2, end: 4)]
      ])
  }
}
