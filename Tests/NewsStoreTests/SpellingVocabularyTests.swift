import Foundation
import GRDB
import NewsModel
import Testing

@testable import NewsStore

/// The vocabulary table behind spelling variants (`spellingKey`), its upgrade path, and the
/// stemmer the search uses to compare like with like.
@Suite struct SpellingVocabularyTests {
  let archive: Archive

  init() throws {
    archive = try Archive.inMemory()
  }

  func article(_ id: String, _ passages: [String], mentions: [EntityMention] = []) -> Article {
    var article = Article(
      id: id, sourceID: nil, title: "Report", date: nil, source: nil, location: "\(id).txt", url: nil,
      passages: passages)
    article.mentions = mentions
    return article
  }

  /// A mention of the first occurrence of `name` in `text` (code-point offsets).
  func mention(of name: String, in text: String, passage: Int = 0) throws -> EntityMention {
    let range = try #require(text.range(of: name))
    let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
    return EntityMention(
      passage: passage, start: start, end: start + name.unicodeScalars.count, name: name, type: .place)
  }

  func rows() throws -> [String: VocabularyTerm] {
    try archive.database.read { db in
      try Row.fetchAll(db, sql: "SELECT term, docs, isName FROM spellingKey").map(
        ArchiveReader.vocabularyTerm)
    }.reduce(into: [:]) { $0[$1.term] = $1 }
  }

  @Test func aRunFillsTheVocabularyWithKeysCountsAndNames() throws {
    let first = "Shelling hit Idlib and the villages near Idlib on Monday."
    let second = "Aid reached Idleb on Friday."
    let writer = archive.makeWriter()
    _ = try writer.write([
      article("a", [first], mentions: [try mention(of: "Idlib", in: first)]),
      article("b", [second], mentions: [try mention(of: "Idleb", in: second)]),
    ])
    try writer.finishEntities()
    let terms = try rows()
    #expect(terms["idleb"] == VocabularyTerm(term: "idleb", docs: 1, isName: true))
    // Half of its two occurrences are in a mention: still a name.
    #expect(terms["idlib"] == VocabularyTerm(term: "idlib", docs: 1, isName: true))
    #expect(terms["shell"]?.isName == false)  // porter stems, as the index holds them
    #expect(terms["villag"]?.isName == false)
    #expect(terms["on"] != nil)  // two letters are kept: phrase variants need "al", "ez"
    let reader = archive.makeReader()
    let idlib = try reader.vocabulary(keys: [VariantKey.of("idlib")], terms: [])
    #expect(idlib.map(\.term) == ["idlib", "idleb"].sorted())
    #expect(try reader.hasSpellingVocabulary())
  }

  @Test func aLaterRunRefillsIt() throws {
    let writer = archive.makeWriter()
    _ = try writer.write([article("a", ["Fighting near Raqqa."])])
    try writer.finishEntities()
    #expect(try rows()["raqqa"] != nil)
    _ = try writer.write([article("a", ["Fighting near Rakka."])])  // the same article, respelled
    try writer.finishEntities()
    let terms = try rows()
    #expect(terms["raqqa"] == nil)
    #expect(terms["rakka"] != nil)
  }

  @Test func withoutMentionsCapitalisedWordsAreNames() throws {
    // What `--no-entities` leaves: no mentions, so the capitalisation rule decides.
    let writer = archive.makeWriter()
    _ = try writer.write([
      article(
        "a",
        [
          "Fighting near Idleb continued. Residents of Idleb fled north.",
          "Fighting resumed at dawn. Convoys reached Idleb and the Fighting Men of the North.",
        ])
    ])
    try writer.finishEntities()
    let terms = try rows()
    #expect(terms["idleb"]?.isName == true)
    // Only ever at a sentence start: no evidence, not a name.
    #expect(terms["resid"]?.isName == false)
    // Twice at a sentence start, once mid-sentence and capitalised ("the Fighting Men").
    #expect(terms["fight"]?.isName == true)
    #expect(terms["convoi"]?.isName == false)
    #expect(terms["north"]?.isName == true)  // "fled north", "of the North": one of two
  }

  /// TIME's 1963 stories are in capitals: case says nothing there, and respelling SPAIN as
  /// SPINE or RUSSIA as ROSSIYA cost MAP; such an archive has no names.
  @Test func anArchiveInCapitalsHasNoNames() throws {
    let text = "TROOPS FROM SPAIN MET ENVOYS OF FRANCO IN MADRID."
    let writer = archive.makeWriter()
    _ = try writer.write([article("a", [text], mentions: [try mention(of: "SPAIN", in: text)])])
    try writer.finishEntities()
    let terms = try rows()
    #expect(terms["spain"] == VocabularyTerm(term: "spain", docs: 1, isName: false))
    #expect(terms.values.allSatisfy { !$0.isName })
  }

  @Test func capitalisationSampleSeparatesSentenceStarts() {
    var sample = CapitalisationSample()
    sample.add("Troops entered Aleppó. Then U.S. envoys met Assad’s aides!")
    #expect(sample.initial == "Troops Then S envoys \n")  // "U.S." ends a sentence, as in the evaluation
    #expect(sample.capitalised == "Aleppó U Assad \n")
  }

  @Test func anArchiveFromBeforeTheVocabularyIsReadableAndUpgradedOnWrite() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "newsindex-vocabulary-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("old.db").path
    // An archive as the previous release left it: every migration but the vocabulary's.
    do {
      let queue = try DatabaseQueue(path: path)
      try Schema.migrator.migrate(queue, upTo: "createArticleIndex")
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO article(id, publicID, title, location, contentHash, paragraphCount)
              VALUES (1, 'a', 'Report', 'a.txt', 'h', 1);
            INSERT INTO paragraph(id, articleID, position, text) VALUES (1, 1, 0, 'Shelling near Idleb.');
            INSERT INTO paragraphFTS(rowid, title, text) VALUES (1, 'Report', 'Shelling near Idleb.');
            """)
      }
    }
    let old = try Archive.openForReading(path: path)
    #expect(try old.makeReader().hasSpellingVocabulary() == false)
    let found = try old.makeReader().search(PassageQuery(matchExpression: "\"idleb\""))
    #expect(found.totalMatches == 1)

    let upgraded = try Archive.openForWriting(path: path)
    #expect(try upgraded.makeReader().hasSpellingVocabulary())
    let idleb = try upgraded.makeReader().vocabulary(keys: [], terms: ["idleb"])
    #expect(idleb == [VocabularyTerm(term: "idleb", docs: 1, isName: true)])
  }

  @Test func firstMatchedTextIsHowTheArchiveWritesIt() throws {
    _ = try archive.makeWriter().write([article("a", ["The siege of Deir ez-Zor was broken."])])
    let reader = archive.makeReader()
    #expect(try reader.firstMatchedText("\"deir ez zor\"") == "Deir ez-Zor")
    #expect(try reader.firstMatchedText("\"deir al zor\"") == nil)
  }
}

/// The end of a run on an archive file: the vocabulary read in two halves on two connections,
/// and the capitalisation of a run into an empty archive counted while it writes.
@Suite final class SpellingVocabularyOnFileTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsindex-vocabulary-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func archiveFile(_ name: String) throws -> Archive {
    try Archive.openForWriting(path: folder.appendingPathComponent(name).path)
  }

  /// A new archive file, its writer, and the writer's capitalisation counter.
  func newArchiveCounting(_ name: String) throws -> (Archive, ArchiveWriter, CapitalisationCounter) {
    let archive = try archiveFile(name)
    let writer = archive.makeWriter()
    return (archive, writer, try #require(try writer.makeCapitalisationCounter()))
  }

  func article(_ id: String, _ passages: [String]) -> Article {
    Article(
      id: id, sourceID: nil, title: "Zone report", date: nil, source: nil, location: "\(id).txt", url: nil,
      passages: passages)
  }

  /// Terms on both sides of the split, digits and accents (which the scan skips), and names.
  var articles: [Article] {
    [
      article("a", ["Troops near Aleppó met Kurdish units in 2019. Officials in Manbij said the talks ended."]),
      article("b", ["Residents of Idleb fled north. Zabadani and Yabroud were shelled, and Idleb too."]),
      article("c", ["Convoys reached Tarsus on 12 May. the Tarsus port reopened; tarsus traders cheered."]),
    ]
  }

  func spellingRows(_ archive: Archive) throws -> [String] {
    try archive.dumpForTests().filter { $0.contains("isName:") }
  }

  /// What an index in memory (one connection: every count in line) makes of `articles`.
  func rowsCountedInLine(_ articles: [Article]) throws -> [String] {
    let archive = try Archive.inMemory()
    let writer = archive.makeWriter()
    _ = try writer.write(articles)
    try writer.finishEntities()
    return try spellingRows(archive)
  }

  @Test func twoHalvesOfTheVocabularyGiveTheRowsOfOne() throws {
    let archive = try archiveFile("halves.db")
    let writer = archive.makeWriter()
    _ = try writer.write(articles)
    try writer.finishEntities()
    let rows = try spellingRows(archive)
    #expect(rows.contains { $0.contains("\"aleppo\"") } && rows.contains { $0.contains("\"zabadani\"") })
    #expect(rows == (try rowsCountedInLine(articles)))
  }

  @Test func capitalisationCountedAlongTheRunMatchesACountAtTheEnd() throws {
    let (archive, writer, counter) = try newArchiveCounting("along.db")
    _ = try writer.write(articles)
    counter.add(articles)
    try writer.finishEntities()
    let rows = try spellingRows(archive)
    #expect(rows.contains { $0.contains("\"idleb\"") && $0.contains("isName:1") })
    #expect(rows == (try rowsCountedInLine(articles)))
    // The archive now holds paragraphs: a later run counts at its end.
    #expect(try writer.makeCapitalisationCounter() == nil)
  }

  @Test func theEndOfTheRunTakesTheCountsAlongTheRun() throws {
    let (archive, writer, counter) = try newArchiveCounting("taken.db")
    // Told of capitals the archive does not hold: the vocabulary shows it took the counter's word.
    let written = [article("c", ["Convoys reached tarsus on 12 May. the tarsus port reopened; tarsus traders cheered."])]
    _ = try writer.write(written)
    counter.add(articles)
    try writer.finishEntities()
    // (Porter makes "tarsu" of Tarsus.)
    #expect(try spellingRows(archive).contains { $0.contains("\"tarsu\"") && $0.contains("isName:1") })
    #expect(try rowsCountedInLine(written).contains { $0.contains("\"tarsu\"") && $0.contains("isName:0") })
  }

  @Test func aReplacedArticleSendsTheCountBackToTheEnd() throws {
    let (archive, writer, counter) = try newArchiveCounting("replaced.db")
    let first = [article("c", ["Convoys reached Tarsus. the Tarsus port reopened; Tarsus traders cheered."])]
    let second = [article("c", ["Convoys reached tarsus. the tarsus port reopened; tarsus traders cheered."])]
    for batch in [first, second] {
      _ = try writer.write(batch)
      counter.add(batch)
    }
    try writer.finishEntities()
    // The first version's capitals are gone from the archive, and from its names.
    #expect(try spellingRows(archive) == (try rowsCountedInLine(second)))
  }
}

@Suite struct TermStemmerTests {
  @Test func termsAreWhatTheIndexMakesOfWords() throws {
    let stemmer = try TermStemmer()
    #expect(
      try stemmer.terms(of: ["Kobane", "shelling", "Aleppó", "patrols", "IDLIB", "🔥", "al-Nu’man"])
        == ["koban", "shell", "aleppo", "patrol", "idlib", "", "al"])
    #expect(try stemmer.terms(of: []).isEmpty)
    // Scratch rows are not kept between calls.
    #expect(try stemmer.terms(of: ["Hama"]) == ["hama"])
  }
}
