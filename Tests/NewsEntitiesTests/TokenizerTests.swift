import Testing

@testable import NewsEntities

@Suite("Tokenizer")
struct TokenizerTests {
  private func tokens(_ text: String) -> [String] {
    let document = TextTokenizer().tokenize(text)
    return (0..<document.tokenCount).map(document.tokenText)
  }

  @Test("splits punctuation but keeps abbreviations and internal hyphens")
  func splitsPunctuation() {
    #expect(
      tokens("Mr. Smith's (U.S.) al-Sham forces, “he said”.")
        == ["Mr.", "Smith", "'s", "(", "U.S.", ")", "al-Sham", "forces", ",", "“", "he", "said", "”", "."])
  }

  @Test("ends sentences at final punctuation and blank lines")
  func splitsSentences() {
    let document = TextTokenizer().tokenize("Assad spoke. Putin listened.\n\nNew paragraph here")
    #expect(document.sentenceCount == 3)
    #expect(document.sentenceRange(1).map(document.tokenText) == ["Putin", "listened", "."])
  }

  @Test("records byte and scalar offsets")
  func offsets() {
    let document = TextTokenizer().tokenize("Café Nu’man")
    #expect(document.tokenText(1) == "Nu’man")
    #expect(document.tokenStarts[1] == 6)  // "Café " is 6 bytes
    #expect(document.tokenScalarStarts[1] == 5)
    #expect(document.tokenScalarEnds[1] == 11)
  }

  @Test(
    "splits a lowercase word off a hyphenated name, keeps names with inner hyphens whole",
    arguments: [
      (
        "the SAA and Hayat Tahrir al-Sham-led forces",
        ["the", "SAA", "and", "Hayat", "Tahrir", "al-Sham", "-", "led", "forces"]
      ),
      ("US-backed rebels", ["US", "-", "backed", "rebels"]),
      (
        "Russian-brokered and Turkish-backed deals",
        ["Russian", "-", "brokered", "and", "Turkish", "-", "backed", "deals"]
      ),
      ("U.S.-led coalition", ["U.S.", "-", "led", "coalition"]),
      ("Deir ez-Zor", ["Deir", "ez-Zor"]),
      ("Abu Bakr al-Baghdadi", ["Abu", "Bakr", "al-Baghdadi"]),
      ("the al-Sham front", ["the", "al-Sham", "front"]),
      ("de-escalation zone", ["de-escalation", "zone"]),
      ("Anti-government protests", ["Anti-government", "protests"]),
      ("X-ray and COVID-19", ["X-ray", "and", "COVID-19"]),
    ])
  func splitsNameSuffixes(text: String, expected: [String]) {
    #expect(tokens(text) == expected, "tokens of \(text)")
  }

  @Test("tokenizes paragraphs as one document, one sentence group each, with their offsets")
  func paragraphs() {
    let (document, byteStarts, scalarStarts) = TextTokenizer().tokenize(paragraphs: [
      "Café in Paris.", "Rome",
    ])
    #expect((0..<document.tokenCount).map(document.tokenText) == ["Café", "in", "Paris", ".", "Rome"])
    #expect(document.sentenceCount == 2)
    #expect(byteStarts == [0, 17, 21])  // "Café in Paris." is 15 bytes, then "\n\n"
    #expect(scalarStarts == [0, 16, 20])
  }
}
