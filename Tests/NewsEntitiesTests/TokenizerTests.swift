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
}
