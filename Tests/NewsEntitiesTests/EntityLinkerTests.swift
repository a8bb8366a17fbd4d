import NewsModel
import Testing

@testable import NewsEntities

@Suite struct EntityLinkerTests {
  let names: CanonicalNameTable

  init() throws {
    names = try CanonicalNameTable(
      text: """
        # test list
        organization: ISIS | ISIL | Daesh | Islamic State
        place: Idlib | Idleb
        Kremlin
        """, source: "test")
  }

  /// Spans by their text, in one passage.
  func spans(_ passage: String, _ found: [(String, EntityType)]) -> [EntityLinker.Span] {
    let scalars = Array(passage.unicodeScalars)
    return found.map { text, type in
      let target = Array(text.unicodeScalars)
      let start = (0...(scalars.count - target.count)).first { Array(scalars[$0..<($0 + target.count)]) == target }!
      return EntityLinker.Span(passage: 0, start: start, end: start + target.count, type: type)
    }
  }

  @Test func aliasListGivesTheCanonicalName() {
    let passage = "Daesh fighters left Idleb."
    let linked = EntityLinker(names: names).link(
      passages: [passage], spans: spans(passage, [("Daesh", .organization), ("Idleb", .place)]))
    #expect(linked.mentions.map(\.name) == ["ISIS", "Idlib"])
    #expect(
      linked.aliases == [
        EntityAlias(alias: "Daesh", name: "ISIS", type: .organization, isDefinition: false),
        EntityAlias(alias: "Idleb", name: "Idlib", type: .place, isDefinition: false),
      ])
  }

  @Test func aliasListOverridesTheTaggersType() {
    let passage = "Shelling hit Idleb."
    let linked = EntityLinker(names: names).link(passages: [passage], spans: spans(passage, [("Idleb", .person)]))
    #expect(linked.mentions.map(\.type) == [.place])
  }

  @Test func acronymDefinedInTheTextNamesTheEntity() {
    let first = "The Syrian Arab Army (SAA) advanced."
    let second = "Later the SAA withdrew."
    var found = spans(first, [("Syrian Arab Army", .organization), ("SAA", .organization)])
    found += spans(second, [("SAA", .organization)]).map {
      EntityLinker.Span(passage: 1, start: $0.start, end: $0.end, type: $0.type)
    }
    let linked = EntityLinker(names: CanonicalNameTable()).link(passages: [first, second], spans: found)
    #expect(linked.mentions.map(\.name) == ["Syrian Arab Army", "Syrian Arab Army", "Syrian Arab Army"])
    #expect(linked.aliases.contains(EntityAlias(alias: "SAA", name: "Syrian Arab Army", type: .organization, isDefinition: true)))
  }

  @Test(arguments: [
    ("HTS", "Hayat Tahrir al-Sham", true),
    ("SDF", "Syrian Democratic Forces", true),
    ("OPCW", "Organisation for the Prohibition of Chemical Weapons", true),
    ("UN", "United Nations", true),
    ("SAA", "Syrian Democratic Forces", false),
  ])
  func acronymInitials(acronym: String, name: String, matches: Bool) {
    #expect(EntityLinker.initialsMatch(acronym, name) == matches)
  }

  @Test func surnameLinksToTheFullNameInTheArticle() {
    let passage = "Colonel Francois-Regis Legrier spoke. Later Legrier was punished, and Colonel Legrier left."
    let linked = EntityLinker(names: CanonicalNameTable()).link(
      passages: [passage],
      spans: spans(passage, [("Colonel Francois-Regis Legrier", .person), ("Legrier was", .other)]).prefix(1)
        + [EntityLinker.Span(passage: 0, start: 44, end: 51, type: .person),
           EntityLinker.Span(passage: 0, start: 70, end: 85, type: .organization)])
    #expect(linked.mentions.map(\.name) == ["Francois-Regis Legrier", "Francois-Regis Legrier", "Francois-Regis Legrier"])
    #expect(linked.mentions[0].start == 8)  // "Colonel " is not part of the name
    #expect(linked.mentions.map(\.type) == [.person, .person, .person])
  }

  @Test func lowercaseTailIsNotPartOfTheName() {
    let passage = "The Idlib de-escalation zone held, said Hayat Tahrir al-Sham."
    let linked = EntityLinker(names: names).link(
      passages: [passage],
      spans: spans(passage, [("Idlib de-escalation zone", .organization), ("Hayat Tahrir al-Sham", .organization)]))
    #expect(linked.mentions.map(\.name) == ["Idlib", "Hayat Tahrir al-Sham"])
    #expect(linked.mentions.map(\.type) == [.place, .organization])
    #expect(linked.mentions[0].end == 9)
  }

  @Test func sameNameDifferentSpellingSameKey() {
    #expect(NameKey.of("U.S.") == NameKey.of("US"))
    #expect(NameKey.of("Deir ez-Zor") == NameKey.of("Deir Ez Zor"))
    #expect(NameKey.of("the Kremlin’s") == NameKey.of("Kremlin"))
    #expect(NameKey.of("Aleppó") == NameKey.of("ALEPPO"))
    #expect(NameKey.of("Idlib") != NameKey.of("Idleb"))
  }

  @Test func aliasFileErrorsNameTheLine() {
    #expect(throws: CanonicalNameTable.FormatError(location: "mine.txt:2", message: "unknown type 'city'; use person, organization, place or other (or leave the type out)")) {
      try CanonicalNameTable(text: "place: Idlib | Idleb\ncity: Homs | Hims\n", source: "mine.txt")
    }
  }

  @Test func userFileExtendsAndOverridesTheBundledList() throws {
    var table = try CanonicalNameTable.bundled()
    #expect(table.canonical(for: "Daesh", type: .organization)?.name == "ISIS")
    #expect(table.canonical(for: "Idleb", type: .place)?.name == "Idlib")
    table.merge(try CanonicalNameTable(text: "organization: Islamic State | ISIS | Daesh", source: "mine"))
    #expect(table.canonical(for: "Daesh", type: .organization)?.name == "Islamic State")
  }
}
