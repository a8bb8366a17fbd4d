import Foundation
import NewsTestSupport
import NewsStore
import Testing

@testable import NewsIngest

@Suite struct IngestPipelineTests {
  let folder: TemporaryFolder
  let archive: Archive

  init() throws {
    folder = try TemporaryFolder()
    archive = try Archive.inMemory()
  }

  func index(_ paths: [String]) throws -> IngestSummary {
    try IngestPipeline(writer: archive.makeWriter()).run(paths: paths)
  }

  @Test func reindexingTheSameInputChangesNothing() throws {
    try folder.write("a/one.txt", " Title one\n Body of the first article.\n")
    try folder.write("a/two.jsonl", #"{"id": "w1", "title": "T", "text": "Wire text."}"# + "\n")
    let first = try index([folder.url.path])
    #expect(first.articlesAdded == 2)
    #expect(first.skipped.isEmpty)
    let second = try index([folder.url.path])
    #expect(second.articlesAdded == 0)
    #expect(second.articlesUnchanged == 2)
    #expect(try archive.makeReader().statistics().articles == 2)
  }

  @Test func aChangedFileReplacesItsArticle() throws {
    let path = try folder.write("story.txt", " Old title\n Old body text about Homs.\n")
    _ = try index([path])
    try folder.write("story.txt", " New title\n New body text about Hama.\n\n A second paragraph.\n")
    let summary = try index([path])
    #expect(summary.articlesUpdated == 1)
    let statistics = try archive.makeReader().statistics()
    #expect(statistics.articles == 1)
    #expect(statistics.paragraphs == 2)
  }

  @Test func aChangedRecordWithAnIDReplacesItsParagraphs() throws {
    let path = try folder.write("feed.jsonl", #"{"id": "w1", "text": "First version."}"# + "\n")
    _ = try index([path])
    try folder.write("feed.jsonl", #"{"id": "w1", "text": "Second version.\n\nWith two paragraphs."}"# + "\n")
    let summary = try index([path])
    #expect(summary.articlesUpdated == 1)
    let article = try #require(try archive.makeReader().article(withID: "w1"))
    #expect(article.paragraphs == ["Second version.", "With two paragraphs."])
  }

  @Test func unknownExtensionsAreCountedNotRead() throws {
    try folder.write("notes.pdf", "%PDF")
    try folder.write("b.html", "<p>")
    try folder.write(".hidden.txt", "secret")
    try folder.write("ok.txt", " A title\n Some text.\n")
    let summary = try index([folder.url.path])
    #expect(summary.filesRead == 1)
    #expect(summary.ignoredExtensions == [".pdf": 1, ".html": 1])
    #expect(summary.skipped.isEmpty)
  }

  @Test func badInputIsReportedAndTheRestIndexed() throws {
    try folder.write("good.txt", " Fine\n Fine text.\n")
    try folder.write("bad.jsonl", "{not json}\n" + #"{"text": "Good line."}"# + "\n")
    let summary = try index([folder.url.path, folder.url.appendingPathComponent("missing.txt").path])
    #expect(summary.articlesAdded == 2)
    #expect(summary.skipped.count == 2)
    #expect(summary.skipped.map(\.location).contains { $0.hasSuffix("bad.jsonl:1") })
    #expect(summary.skipped.map(\.location).contains { $0.hasSuffix("missing.txt") })
  }

  @Test func duplicateIDsInOneRunKeepTheLaterRecord() throws {
    let path = try folder.write(
      "dup.jsonl",
      #"{"id": "7", "text": "Earlier."}"# + "\n" + #"{"id": "7", "text": "Later."}"# + "\n")
    let summary = try index([path])
    #expect(summary.duplicateIDs == 1)
    #expect(try archive.makeReader().article(withID: "7")?.paragraphs == ["Later."])
  }

  @Test func buildsArticleFieldsFromRawRecords() {
    let raw = RawArticle(
      id: " 1914947530 ", title: "Syria  attack", text: "Body.", date: "4/5/17", source: "nna",
      location: "f.csv:2")
    guard case .article(let article, let unreadable) = ArticleBuilder().build(raw) else {
      Issue.record("expected an article")
      return
    }
    #expect(article.id == "1914947530")
    #expect(article.sourceID == "1914947530")
    #expect(article.title == "Syria attack")
    #expect(article.date?.isoString == "2017-04-05")
    #expect(!unreadable)
  }

  @Test func articleWithoutIDGetsAStableContentHash() {
    let raw = RawArticle(text: "Same text.", location: "a.jsonl:1")
    guard case .article(let first, _) = ArticleBuilder().build(raw),
      case .article(let second, _) = ArticleBuilder().build(RawArticle(text: "Same text.", location: "b.jsonl:9"))
    else {
      Issue.record("expected articles")
      return
    }
    #expect(first.id == second.id)
    #expect(first.id.count == 12)
    #expect(first.sourceID == nil)
  }
}

@Suite struct InterruptedIngestTests {
  /// Says "stop" from the given call on, as the SIGINT flag does.
  final class StopAfter: @unchecked Sendable {
    private var calls = 0
    let limit: Int
    init(_ limit: Int) { self.limit = limit }
    func check() -> Bool {
      calls += 1
      return calls > limit
    }
  }

  @Test func aStoppedRunKeepsWholeBatchesAndDropsThePendingOne() throws {
    let folder = try TemporaryFolder()
    let lines = (0..<20).map { #"{"id": "n\#($0)", "text": "Article number \#($0)."}"# }
    let path = try folder.write("feed.jsonl", lines.joined(separator: "\n") + "\n")
    let archive = try Archive.inMemory()
    let stopper = StopAfter(25)
    var options = IngestPipeline.Options(batchSize: 4)
    options.shouldStop = { stopper.check() }
    let summary = try IngestPipeline(writer: archive.makeWriter(), options: options).run(paths: [path])
    #expect(summary.interrupted)
    #expect(summary.articlesAdded % 4 == 0)
    #expect(summary.articlesAdded > 0 && summary.articlesAdded < 20)
    #expect(try archive.makeReader().statistics().articles == summary.articlesAdded)
    #expect(try archive.check().isSound)
    // Running again finishes the job.
    let again = try IngestPipeline(writer: archive.makeWriter(), options: .init(batchSize: 4)).run(paths: [path])
    #expect(again.articlesAdded == 20 - summary.articlesAdded)
    #expect(again.articlesUnchanged == summary.articlesAdded)
  }
}

@Suite struct AwkwardPathTests {
  @Test func pathsWithSpacesAndNonASCIINamesAreRead() throws {
    let folder = try TemporaryFolder()
    try folder.write("dossier été/article 1 – Alep.txt", " Alep\n Le texte.\n")
    let archive = try Archive.inMemory()
    let summary = try IngestPipeline(writer: archive.makeWriter()).run(paths: [folder.url.path])
    #expect(summary.articlesAdded == 1)
    #expect(summary.skipped.isEmpty)
  }

  @Test func brokenLinksAndLinkLoopsAreReportedNotFollowedForever() throws {
    let folder = try TemporaryFolder()
    try folder.write("news/ok.txt", " Fine\n Fine text.\n")
    let news = folder.url.appendingPathComponent("news")
    try FileManager.default.createSymbolicLink(
      atPath: news.appendingPathComponent("gone.txt").path, withDestinationPath: "/nonexistent/gone.txt")
    try FileManager.default.createSymbolicLink(
      atPath: news.appendingPathComponent("loop").path, withDestinationPath: news.path)
    let archive = try Archive.inMemory()
    let summary = try IngestPipeline(writer: archive.makeWriter()).run(paths: [news.path])
    #expect(summary.articlesAdded == 1)
    #expect(summary.skipped.map(\.message).sorted() == ["is a broken symbolic link; skipped", "is a symbolic link loop; skipped"])
  }
}

@Suite struct ConcurrentIngestTests {
  /// Everything a user can see in the index, as text.
  static func dump(_ archive: Archive) throws -> [String] {
    try archive.dumpForTests()
  }

  @Test func concurrentRunBuildsExactlyTheSameIndexAsASingleThreadedOne() throws {
    let folder = try TemporaryFolder()
    var lines: [String] = []
    for number in 0..<300 {
      let text = "Foreign Minister Sergey Lavrov met officials in Damascus on day \(number). The Syrian Arab Army (SAA) shelled Idlib.\n\nThe SAA said Hayat Tahrir al-Sham fighters left Khan Shaykhun \(number)."
      lines.append(#"{"id": "a\#(number)", "title": "Report \#(number)", "date": "2019-02-\#(1 + number % 28)", "text": "\#(text.replacingOccurrences(of: "\n", with: "\\n"))"}"#)
    }
    let path = try folder.write("feed.jsonl", lines.joined(separator: "\n") + "\n")
    var dumps: [[String]] = []
    for concurrent in [true, false] {
      let archive = try Archive.inMemory()
      var options = IngestPipeline.Options(batchSize: 16, annotator: try .bundled())
      options.concurrent = concurrent
      _ = try IngestPipeline(writer: archive.makeWriter(), options: options).run(paths: [path])
      dumps.append(try Self.dump(archive))
    }
    #expect(dumps[0].count > 900)
    #expect(dumps[0] == dumps[1])
  }
}
