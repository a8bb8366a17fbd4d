import Foundation
import NewsIngest
import NewsModel
import NewsStore
import NewsTestSupport
import Testing

@testable import NewsSearch

@Suite(.enabled(if: SharedCorpora.seedIsPresent, "\(SharedCorpora.absentMessage)"))
struct SeedEntityTests {
  let reader: ArchiveReader

  init() throws {
    let archive = try Archive.inMemory()
    _ = try IngestPipeline(writer: archive.makeWriter(), options: .init(annotator: .bundled()))
      .run(paths: [SharedCorpora.seed])
    reader = archive.makeReader()
  }

  @Test func searchFilteredByAnEntityReturnsItsParagraph() throws {
    guard case .found(let lavrov) = try reader.lookUpEntity("Sergey Lavrov") else {
      Issue.record("Sergey Lavrov not found")
      return
    }
    // The seed's Lavrov paragraph speaks of "the zone of de-escalation" without naming Idlib,
    // so "Idlib" and Lavrov never meet in one paragraph there.
    let results = try Searcher(reader: reader).search("de-escalation", options: .init(entityIDs: [[lavrov.id]]))
    #expect(results.hits.count == 1)
    #expect(results.hits.first?.passage.text.contains("Foreign Minister Sergey Lavrov said") == true)
    let idlib = try Searcher(reader: reader).search("Idlib", options: .init(entityIDs: [[lavrov.id]]))
    #expect(idlib.hits.isEmpty)
    let unfiltered = try Searcher(reader: reader).search("Idlib")
    #expect(unfiltered.hits.count == 2)
  }

  @Test func resultsCarryTheirParagraphsEntities() throws {
    let results = try Searcher(reader: reader).search("Peskov")
    let entities = try #require(results.hits.first?.entities)
    #expect(entities.contains { $0.name == "Dmitry Peskov" && $0.type == .person })
    #expect(entities.contains { $0.name == "Kremlin" && $0.type == .organization })
    let text = Array(results.hits[0].passage.text.unicodeScalars)
    for entity in entities {
      #expect(NameKey.of(String(String.UnicodeScalarView(text[entity.start..<entity.end]))) != "")
    }
  }

  @Test func acronymAndAliasesResolveToOneEntity() throws {
    guard case .found(let saa) = try reader.lookUpEntity("SAA") else {
      Issue.record("SAA not found")
      return
    }
    #expect(saa.name == "Syrian Arab Army")
    #expect(saa.mentions == 4)
    guard case .found(let lavrov) = try reader.lookUpEntity("lavr*") else {
      Issue.record("lavr* not found")
      return
    }
    #expect(lavrov.name == "Sergey Lavrov")
    guard case .found(let legrier) = try reader.lookUpEntity("Legrier") else {
      Issue.record("Legrier not found")
      return
    }
    #expect(legrier.name == "Francois-Regis Legrier")
  }

  @Test func facetsCountAllMatchesNotJustThePage() throws {
    let results = try Searcher(reader: reader).search("ISIS OR Idlib", options: .init(limit: 1, facetLimit: 5))
    #expect(results.hits.count == 1)
    #expect(results.facets.count == 5)
    #expect(results.facets.map(\.paragraphs) == results.facets.map(\.paragraphs).sorted(by: >))
    #expect(results.facets[0].paragraphs > 1)
  }

  @Test func entityCardShowsAliasesCompanyAndExamples() throws {
    guard case .found(let army) = try reader.lookUpEntity("Syrian Arab Army") else {
      Issue.record("not found")
      return
    }
    let card = try reader.card(for: army)
    #expect(card.aliases.contains("SAA"))
    #expect(!card.cooccurring.isEmpty)
    #expect(!card.examples.isEmpty)
    #expect(card.examples.allSatisfy { !$0.matches.isEmpty })
  }
}

@Suite(.enabled(if: SharedCorpora.fakesIsPresent, "\(SharedCorpora.absentMessage)"))
struct FakesEntityTests {
  @Test func idlibIsListedOnceCountingTheIdlebSpelling() throws {
    let archive = try Archive.inMemory()
    _ = try IngestPipeline(writer: archive.makeWriter(), options: .init(annotator: .bundled()))
      .run(paths: [SharedCorpora.fakes])
    let reader = archive.makeReader()
    let places = try reader.topEntities(type: .place, limit: 200)
    let idlib = places.filter { ["idlib", "idleb"].contains(NameKey.of($0.name)) }
    #expect(idlib.count == 1)
    #expect(idlib.first?.name == "Idlib")
    // Articles that spell it "Idleb" count toward Idlib.
    let raw = try String(contentsOfFile: SharedCorpora.fakes, encoding: .isoLatin1)
    #expect(raw.contains("Idleb"))
    guard case .found(let viaVariant) = try reader.lookUpEntity("Idleb") else {
      Issue.record("Idleb does not resolve")
      return
    }
    #expect(viaVariant.name == "Idlib")
    let card = try reader.card(for: viaVariant)
    #expect(card.aliases.contains("Idleb"))
  }
}
