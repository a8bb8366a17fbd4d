import Foundation
import NewsIngest
import NewsModel
import NewsStore
import NewsTestSupport
import Testing

@testable import NewsSearch

/// Names that porter stems alike: "Hamas" (a group) and "Hama" (a city) are both `hama`, and
/// each must find only itself; "Kurd" and "Kurds", one kind of name, still find each other.
@Suite struct NameCollisionTests {
  static let articles: [TestArticle] = [
    ("group", "Talks in Cairo", "Hamas said on Monday it would attend the talks in Cairo with Egyptian mediators."),
    ("city", "Shelling in the north", "Government forces shelled Hama on Tuesday, and residents of Hama fled north."),
    ("kurds", "Town held", "The Kurds held the town. A Kurd from Qamishli said the Kurds would stay."),
    ("kurd", "Harvest", "A Kurd elder from Qamishli spoke to reporters about the harvest."),
  ]

  let searcher: Searcher

  init() throws {
    searcher = Searcher(reader: try indexedArchive(of: NameCollisionTests.articles, entities: true).makeReader())
  }

  @Test func aNameWhoseStemAnotherNameSharesFindsOnlyItself() throws {
    let hamas = try searcher.search("Hamas")
    #expect(hamas.hits.map(\.passage.articleID) == ["group"])
    #expect(hamas.totalMatches == 1)
    #expect(hamas.namesAsTyped == [Searcher.NameAsTyped(typed: "Hamas", otherName: "Hama")])
    // Not respelled as the other name's spellings either.
    #expect(hamas.expansions.isEmpty)

    let hama = try searcher.search("hama")
    #expect(hama.hits.map(\.passage.articleID) == ["city"])
    #expect(hama.namesAsTyped.map(\.otherName) == ["Hamas"])

    let grouped = try searcher.search("Hamas", options: .init(groupByArticle: true))
    #expect(grouped.hits.map(\.passage.articleID) == ["group"])
  }

  @Test func aPassageNamingOnlyTheOtherNameIsLeftOutWhateverElseItMatches() throws {
    // The city's passage has "north", but its "Hama" would count as "Hamas": it goes. The
    // passages with neither stem are judged by the other words alone.
    #expect(try searcher.search("Hamas north").hits.map(\.passage.articleID) == ["group"])
    #expect(try searcher.search("Hamas harvest").hits.map(\.passage.articleID).sorted() == ["group", "kurd"])
  }

  @Test func formsOfOneKindOfNameStayMerged() throws {
    let results = try searcher.search("Kurds")
    #expect(Set(results.hits.map(\.passage.articleID)) == ["kurds", "kurd"])
    #expect(results.namesAsTyped.isEmpty)
  }

  @Test func aPossessiveThatLostItsApostropheIsNotANameOfItsOwn() {
    // FA-KES writes "Syria's" as "Syrias": the tagger calls it a place, an organization,
    // anything. A real other name (Hamas beside Hama) is one kind of thing.
    let syrias: [(name: String, key: String, type: EntityType, mentions: Int)] = [
      ("Syrias", "syrias", .place, 158), ("Syrias", "syrias", .other, 118), ("Syrias", "syrias", .organization, 34),
    ]
    #expect(NameCollisionFinder.otherName(among: syrias, notOfTypes: [.place]) == nil)
    let russias: [(name: String, key: String, type: EntityType, mentions: Int)] = [
      ("Russias", "russias", .other, 19), ("Russias", "russias", .organization, 8), ("Russias", "russias", .person, 8),
    ]
    #expect(NameCollisionFinder.otherName(among: russias, notOfTypes: [.place]) == nil)
    let hamas: [(name: String, key: String, type: EntityType, mentions: Int)] = [
      ("Hamas", "hamas", .organization, 988), ("Hamas", "hamas", .other, 20),
    ]
    #expect(NameCollisionFinder.otherName(among: hamas, notOfTypes: [.place]) == "Hamas")
    #expect(NameCollisionFinder.otherName(among: hamas, notOfTypes: [.organization]) == nil)
  }
}
