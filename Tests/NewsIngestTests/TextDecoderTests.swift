import Testing

@testable import NewsIngest

@Suite struct TextDecoderTests {
  @Test func readsUTF8AndSkipsByteOrderMark() {
    let decoded = TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Idlib – “zone”".utf8))
    #expect(decoded == .init(text: "Idlib – “zone”", usedFallback: false))
  }

  @Test func fallsBackToWindows1252() {
    // "café “Aleppo”" in Windows-1252: é = E9, “ = 93, ” = 94.
    let bytes: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0x93] + Array("Aleppo".utf8) + [0x94]
    #expect(TextDecoder.decode(bytes) == .init(text: "café “Aleppo”", usedFallback: true))
  }

  @Test func unassignedWindows1252BytesBecomeLatin1() {
    #expect(TextDecoder.decode([0x41, 0x81, 0xB5]).text == "A\u{81}µ")
  }
}
