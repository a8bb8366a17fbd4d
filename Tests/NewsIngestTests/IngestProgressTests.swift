import Foundation
import NewsStore
import NewsTestSupport
import Testing

@testable import NewsIngest

@Suite struct IngestProgressTests {
  let folder: TemporaryFolder

  init() throws {
    folder = try TemporaryFolder()
  }

  func run(_ paths: [String]) throws -> [IngestProgress] {
    let pipeline = IngestPipeline(writer: try Archive.inMemory().makeWriter())
    var reports: [IngestProgress] = []
    pipeline.onProgress = { reports.append($0) }
    _ = try pipeline.run(paths: paths)
    return reports
  }

  @Test func bytesReadClimbToTheSizeOfTheFilesRead() throws {
    // ~220 kB of JSON Lines: a report every 64 kB inside the file, not just at its end.
    let records = (1...2_000).map {
      #"{"id": "r\#($0)", "text": "Report number \#($0) from Aleppo, with some more words to fill the line out."}"#
    }
    let feed = try folder.write("in/feed.jsonl", records.joined(separator: "\n") + "\n")
    let story = try folder.write("in/story.txt", " A title\n Body text of the story.\n")
    try folder.write("in/notes.pdf", "%PDF-1.4 not read, so not counted")
    let total = try [feed, story].reduce(0) {
      try $0 + (FileManager.default.attributesOfItem(atPath: $1)[.size] as! Int)
    }

    let reports = try run([folder.url.appendingPathComponent("in").path])
    #expect(reports.allSatisfy { $0.bytesTotal == total && $0.filesTotal == 2 })
    #expect(reports.first?.bytesRead == 0)
    #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead })
    #expect(reports.filter { $0.bytesRead > 0 && $0.bytesRead < total }.count >= 3)
    let last = try #require(reports.last)
    #expect(
      last
        == IngestProgress(
          bytesRead: total, bytesTotal: total, articlesRead: 2_001, filesRead: 2, filesTotal: 2,
          readingDone: true))
  }

  @Test func aRunNobodyWatchesMeasuresNothing() throws {
    try folder.write("a.txt", " A title\n Body text.\n")
    let summary = try IngestPipeline(writer: try Archive.inMemory().makeWriter()).run(paths: [folder.url.path]
    )
    #expect(summary.articlesAdded == 1)
  }

  @Test func lineReaderOffsetCountsTheBytesOfLinesReturned() throws {
    // Lines across the 1 MB buffer boundary, and a last line without a line end.
    let text = "first\r\n" + String(repeating: "x", count: 1_500_000) + "\nthird\nlast"
    let path = try folder.write("lines.txt", text)
    let reader = try #require(LineReader(path: path))
    var offsets: [Int] = []
    while reader.nextLine() != nil { offsets.append(reader.offset) }
    #expect(offsets == [7, 1_500_008, 1_500_014, 1_500_018])
  }
}
