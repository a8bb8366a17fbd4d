import Foundation
import Testing

@testable import NewsEntities

@Suite("Bundled tagger")
struct BundledTaggerTests {
  static let seedPath = "/work/shared/seeds/000_4dd3fa7bfb58b718.txt"

  @Test("the bundled model loads and tags a sentence, with byte and scalar offsets")
  func tagsSentence() throws {
    let tagger = try EntityTagger.loadBundled()
    let text =
      "Café talk: Foreign Minister Sergey Lavrov met officials of the United Nations in Damascus on Monday."
    let entities = tagger.entities(in: text)
    let lavrov = try #require(entities.first { $0.text == "Sergey Lavrov" })
    #expect(lavrov.kind == .person)
    let scalars = Array(text.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[lavrov.scalarRange])) == "Sergey Lavrov")
    let bytes = Array(text.utf8)
    #expect(String(decoding: bytes[lavrov.utf8Range], as: UTF8.self) == "Sergey Lavrov")
    #expect(entities.contains { $0.text == "Damascus" && $0.kind == .place })
    #expect(entities.contains { $0.text == "United Nations" && $0.kind == .organization })
  }

  @Test("tags pre-tokenized sentences")
  func tagsTokens() throws {
    let spans = try EntityTagger.loadBundled().tag(tokens: ["Peter", "Blackburn", "visited", "Germany", "."])
    #expect(spans.contains(TokenSpan(kind: .person, start: 0, end: 2)))
    #expect(spans.contains(TokenSpan(kind: .place, start: 3, end: 4)))
  }

  @Test(
    "finds the seed article's entities",
    .enabled(
      if: FileManager.default.fileExists(atPath: seedPath),
      "/work/shared absent: skipping the seed article check"))
  func seedArticle() throws {
    let raw = try String(contentsOfFile: Self.seedPath, encoding: .utf8)
    // The seed is hard-wrapped PDF text: join lines, keep blank lines, squeeze spaces.
    let text = raw.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ") }
      .joined(separator: "\n\n").replacingOccurrences(of: "  ", with: " ").replacingOccurrences(
        of: "  ", with: " ")
    let found = Set(
      try EntityTagger.loadBundled().entities(in: text).map { "\($0.kind.rawValue):\($0.text)" })
    let expected: [(EntityKind, [String])] = [
      (.person, ["Sergey Lavrov", "Dmitry Peskov", "Francois-Regis Legrier", "Joseph Votel"]),
      (
        .organization,
        ["Syrian Arab Army", "Hayat Tahrir al-Sham", "Syrian Democratic Forces", "ISIS", "Kremlin"]
      ),
      (
        .place,
        ["Idlib", "Palmyra", "Deir Ezzor", "Raqqa", "Homs", "Damascus", "Hama", "Turkey", "Russia", "Iran"]
      ),
    ]
    for (kind, names) in expected {
      for name in names {
        #expect(found.contains("\(kind.rawValue):\(name)"), "missing \(kind.rawValue) \(name)")
      }
    }
  }

  @Test("a name hyphenated to a lowercase word is found without it (seed: \"al-Sham-led\")")
  func hyphenatedSuffix() throws {
    let found = Set(
      try EntityTagger.loadBundled().entities(in: "the SAA and Hayat Tahrir al-Sham-led forces").map {
        "\($0.kind.rawValue):\($0.text)"
      })
    #expect(found == ["organization:SAA", "organization:Hayat Tahrir al-Sham"])
  }

  @Test("a rank before a surname stays outside the person (seed: \"Colonel Legrier\")")
  func rankBeforeName() throws {
    let entities = try EntityTagger.loadBundled().entities(
      in: "The reason is that Colonel Legrier openly admitted that the coalition was not hurrying.")
    #expect(entities.map(\.text) == ["Legrier"])
    #expect(entities.first?.kind == .person)
  }

  @Test("an entity never runs through a function word of a title-case headline")
  func headline() throws {
    let entities = try EntityTagger.loadBundled().entities(
      in: "Video: French Officer Is Punished for Revealing Truth About US Role in Syria")
    for entity in entities {
      #expect(
        !entity.text.contains(" Is ") && !entity.text.hasSuffix(" Is") && !entity.text.contains("About"),
        "\(entity.text)")
    }
  }

  @Test("tagging paragraphs gives the tags of the joined text, with offsets per paragraph")
  func paragraphs() throws {
    let tagger = try EntityTagger.loadBundled()
    let paragraphs = [
      "Foreign Minister Sergey Lavrov met officials of the United Nations in Damascus.",
      "",
      "Café talk: Lavrov later flew to Moscow, where the Kremlin spokesman Dmitry Peskov spoke.",
    ]
    let perParagraph = tagger.entities(inParagraphs: paragraphs)
    #expect(perParagraph.count == paragraphs.count)
    let joined = paragraphs.joined(separator: "\n\n")
    let whole = tagger.entities(in: joined)
    #expect(perParagraph.flatMap { $0 }.map(\.text) == whole.map(\.text))
    #expect(perParagraph.flatMap { $0 }.map(\.kind) == whole.map(\.kind))
    #expect(perParagraph[2].contains { $0.text == "Dmitry Peskov" && $0.kind == .person })
    for (index, entities) in perParagraph.enumerated() {
      let scalars = Array(paragraphs[index].unicodeScalars)
      let bytes = Array(paragraphs[index].utf8)
      for entity in entities {
        #expect(String(String.UnicodeScalarView(scalars[entity.scalarRange])) == entity.text)
        #expect(String(decoding: bytes[entity.utf8Range], as: UTF8.self) == entity.text)
      }
    }
  }
}
