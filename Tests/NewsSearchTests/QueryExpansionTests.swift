import Foundation
import NewsIngest
import NewsStore
import NewsTestSupport
import Testing

@testable import NewsSearch

/// Six short reports that spell the same places differently (issue 4), and near misses that
/// must stay apart: Iraq is not Iran, "greener" is not Greece, al-Bashir is not Bashar.
enum SpellingFixture {
  static let files: [(name: String, text: String)] = [
    (
      "2019-02-18-idlib.txt",
      """
      Shelling Hits Southern Idlib

      Government artillery shelled villages in southern Idlib on Monday, residents said, and the offensive has displaced thousands.

      Aid groups in Idlib said the shelling was the heaviest since the Sochi agreement.
      """
    ),
    (
      "2019-03-09-idleb.txt",
      """
      Turkish Patrols Begin

      Turkish troops patrolled the buffer zone in Idleb province on Friday, the Defence Ministry in Ankara said.
      """
    ),
    (
      "2017-09-06-deir.txt",
      """
      Siege Broken in the East

      Government forces broke the siege of Deir ez-Zor on Tuesday after three years, state television said.
      """
    ),
    (
      "2019-03-24-deir.txt",
      """
      Oil Fields Change Hands

      Kurdish-led fighters took the oil fields east of Deir al-Zor, the coalition said on Sunday.
      """
    ),
    (
      "2019-12-26-maarrat.txt",
      """
      Residents Protest

      Residents of Maarrat al-Nu’man protested against the militants on Friday, activists said.
      """
    ),
    (
      "2019-05-01-envoys.txt",
      """
      Envoys Meet in Athens

      Officials from Iraq met envoys from Greece in Athens to discuss greener shipping. Sudan's former president Omar al-Bashir was not mentioned.
      """
    ),
  ]

  /// The fixture indexed in memory, with the bundled entity tagger or without (`--no-entities`,
  /// where names are the capitalised words).
  static func archive(entities: Bool) throws -> Archive {
    let folder = try TemporaryFolder()
    for file in files { try folder.write(file.name, file.text) }
    let archive = try Archive.inMemory()
    let options = IngestPipeline.Options(annotator: entities ? try EntityAnnotator.bundled() : nil)
    _ = try IngestPipeline(writer: archive.makeWriter(), options: options).run(paths: [folder.url.path])
    return archive
  }
}

@Suite struct QueryExpansionTests {
  let searcher: Searcher

  init() throws {
    searcher = Searcher(reader: try SpellingFixture.archive(entities: false).makeReader())
  }

  @Test func aNameAlsoFindsItsOtherSpellingAfterTheTypedOne() throws {
    let results = try searcher.search("Idlib")
    #expect(results.expansions == [SpellingExpansion(typed: "Idlib", spellings: ["Idleb"])])
    #expect(results.totalMatches == 3)
    // The spelling typed ranks first; the other one follows, marked.
    #expect(results.hits.prefix(2).allSatisfy { $0.passage.matchesAllTerms && $0.variantMatches.isEmpty })
    let idleb = try #require(results.hits.last)
    #expect(idleb.passage.text.contains("Idleb province"))
    #expect(idleb.variantMatches == [VariantMatch(typed: "Idlib", matched: "Idleb")])
    #expect(!idleb.passage.matchesAllTerms)
    #expect(idleb.matchesAllTermsInSomeSpelling)
    #expect(matchedText(idleb) == ["Idleb"])
  }

  @Test func eitherSpellingFindsTheOther() throws {
    let results = try searcher.search("Idleb")
    #expect(results.expansions == [SpellingExpansion(typed: "Idleb", spellings: ["Idlib"])])
    #expect(results.hits.first?.passage.text.contains("Idleb") == true)
    #expect(
      results.hits.dropFirst().allSatisfy {
        $0.variantMatches == [VariantMatch(typed: "Idleb", matched: "Idlib")]
      })
  }

  /// A name of several tokens, typed as two words or hyphenated, finds it written with another
  /// article, joined or split (Deir Ezzor / Deir ez-Zor / Deir al-Zor).
  @Test(arguments: [
    ("Deir Ezzor", ["Deir ez-Zor", "Deir al-Zor"]),
    ("Deir al-Zor", ["Deir ez-Zor"]),
    ("Deir ez Zor", ["Deir al-Zor"]),
    ("Maarat al-Numan", ["Maarrat al-Nu’man"]),
  ])
  func multiTokenNamesFindTheirOtherSpellings(query: String, spellings: [String]) throws {
    let results = try searcher.search(query)
    let matched = Set(results.hits.flatMap(\.variantMatches).map(\.matched))
    for spelling in spellings {
      #expect(matched.contains(spelling), "\(query) → \(spelling): \(matched)")
      #expect(results.expansions.contains { $0.spellings.contains(spelling) }, "\(results.expansions)")
    }
    #expect(results.hits.allSatisfy { $0.matchesAllTermsInSomeSpelling })
  }

  @Test(arguments: ["Iran", "Greece", "Bashar", "Greener"])
  func nearMissesStayApart(query: String) throws {
    let results = try searcher.search(query)
    #expect(results.expansions.isEmpty, "\(results.expansions)")
    let matched = results.hits.flatMap(matchedText).map { $0.lowercased() }
    #expect(matched.allSatisfy { $0 == query.lowercased() }, "\(query) matched \(matched)")
  }

  @Test func exactSpellingSearchesWhatWasTyped() throws {
    let results = try searcher.search("Idlib", options: .init(exactSpelling: true))
    #expect(results.expansions.isEmpty)
    #expect(results.hits.count == 2)
    #expect(results.hits.allSatisfy { !$0.passage.text.contains("Idleb") })
  }

  @Test func quotedPrefixAndExcludedWordsAreSearchedAsTyped() throws {
    let quoted = try searcher.search(#""Idlib""#)
    #expect(quoted.expansions.isEmpty)
    #expect(quoted.totalMatches == 2)
    #expect(try searcher.search("Idl*").expansions.isEmpty)
    // Excluding Idlib leaves the passage that spells it Idleb.
    let excluding = try searcher.search("Turkish -Idlib")
    #expect(excluding.expansions.isEmpty)
    #expect(excluding.hits.contains { $0.passage.text.contains("Idleb") })
  }

  @Test func theParserRemembersQuotedUnits() throws {
    let query = try QueryParser().parse(#""Deir ez-Zor" Idlib OR "Idleb""#)
    #expect(query.quotedUnits == [.phrase(["Deir", "ez", "Zor"], prefix: false), .word("Idleb")])
  }

  @Test func didYouMeanOffersAWordWithMoreHits() throws {
    let none = try searcher.search("Idlip")
    #expect(none.hits.isEmpty)
    #expect(
      none.suggestion
        == SpellingSuggestion(
          replacements: [.init(typed: "Idlip", suggested: "Idlib")], text: "Idlib", totalMatches: 3))
    // Counted as "Idlib" would run: with Idleb. Exact, it would find 2.
    let exact = try searcher.search("Idlip", options: .init(exactSpelling: true))
    #expect(exact.suggestion?.totalMatches == 2)
    // One hit (Sochi): few enough to look, and "Idlib Sochi" finds more.
    let few = try searcher.search("Idlip Sochi")
    #expect(few.suggestion?.text == "Idlib Sochi")
    #expect(few.suggestion?.totalMatches == 3)
  }

  @Test func didYouMeanLooksAtAQueryThatMatchedOnlyInPart() throws {
    // Three passages hold "residents" or "shelling" (a title counts), none "Idlip".
    let partial = try searcher.search("Idlip residents shelling")
    #expect(partial.totalMatches == 3)
    #expect(partial.hits.allSatisfy { !$0.matchesAllTermsInSomeSpelling })
    let suggestion = try #require(partial.suggestion)
    #expect(suggestion.text == "Idlib residents shelling")
    #expect(suggestion.countsEveryWord)
    // "Government artillery shelled villages in southern Idlib on Monday, residents said".
    #expect(suggestion.totalMatches == 1)
  }

  @Test(arguments: [#""Idlip""#, "Idlib", "Greece", "shelling", "Idlib Greece", "Idlib residents shelling"])
  func noSuggestionWhenNothingBetterIsFound(query: String) throws {
    #expect(try searcher.search(query).suggestion == nil)
  }

  /// Pairs of spellings of multi-token names: each finds the other among the phrases
  /// `phraseVariants` builds from a vocabulary holding both.
  @Test(arguments: [
    (["deir", "ezzor"], ["deir", "ez", "zor"]), (["deir", "ezzor"], ["deir", "al", "zor"]),
    (["deir", "ez", "zor"], ["deir", "al", "zor"]),
    (["maarrat", "al", "nu", "man"], ["maarat", "al", "numan"]),
  ])
  func phraseSpellingsFindEachOther(_ a: [String], _ b: [String]) {
    let vocabulary = SpellingVariants(vocabulary: Set(a + b).map { (term: $0, count: 3) })
    #expect(vocabulary.phraseVariants(of: a).contains(b), "\(a) → \(b)")
    #expect(vocabulary.phraseVariants(of: b).contains(a), "\(b) → \(a)")
  }
}

/// With the entity tagger, names are the terms mostly inside entity mentions.
@Suite struct QueryExpansionWithEntitiesTests {
  @Test func namesComeFromMentions() throws {
    let searcher = Searcher(reader: try SpellingFixture.archive(entities: true).makeReader())
    let results = try searcher.search("Idlib")
    #expect(results.expansions == [SpellingExpansion(typed: "Idlib", spellings: ["Idleb"])])
    #expect(results.hits.last?.variantMatches == [VariantMatch(typed: "Idlib", matched: "Idleb")])
    #expect(try searcher.search("Greece").expansions.isEmpty)
  }
}
