import Foundation
import NewsTestSupport
import Testing

@testable import NewsIngest

/// Collects what a reader reports.
struct CollectingSink: ArticleSink {
  var articles: [RawArticle] = []
  var issues: [IngestIssue] = []
  mutating func accept(_ article: RawArticle) { articles.append(article) }
  mutating func skip(_ issue: IngestIssue) { issues.append(issue) }
}

@Suite struct JSONLinesReaderTests {
  @Test func readsFieldsByCommonNamesAndReportsBadLines() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "feed.jsonl",
      """
      {"id": "a1", "headline": "Convoy reaches Rukban", "body": "Aid arrived.", "published": "2019-02-07", "outlet": "Desk", "url": "https://example.org/1"}
      {"id": "a2", "title": "Broken line", "text": "missing brace"

      [1, 2, 3]
      {"id": 42, "title": "No text field here"}
      {"id": "a5", "text": ["not", "a", "string"]}
      {"guid": "a6", "content": "Still read after the bad lines."}
      """)
    var sink = CollectingSink()
    JSONLinesReader().read(path: path, into: &sink)
    #expect(sink.articles.map(\.id) == ["a1", "a6"])
    #expect(sink.articles[0].title == "Convoy reaches Rukban")
    #expect(sink.articles[0].text == "Aid arrived.")
    #expect(sink.articles[0].date == "2019-02-07")
    #expect(sink.articles[0].source == "Desk")
    #expect(sink.articles[0].url == "https://example.org/1")
    #expect(sink.articles[0].location == "\(path):1")
    #expect(sink.articles[1].location == "\(path):7")
    #expect(
      sink.issues.map(\.description) == [
        "\(path):2: is not valid JSON; line skipped",
        "\(path):4: is JSON but not an object ({…}); line skipped",
        "\(path):5: has no text field (looked for text, body, content, article_content, article_text, full_text, story); line skipped — name it with --text-field",
        "\(path):6: field 'text' is not a string; line skipped",
      ])
  }

  @Test func fieldOverrideReplacesTheDefaults() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("x.jsonl", #"{"text": "ignored", "story_body": "Used."}"#)
    var sink = CollectingSink()
    JSONLinesReader(mapping: FieldMapping(overrides: [.text: "story_body"])).read(path: path, into: &sink)
    #expect(sink.articles.map(\.text) == ["Used."])
  }
}

@Suite struct CSVReaderTests {
  @Test func readsQuotedFieldsWithCommasQuotesAndNewlines() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "export.csv",
      "article_id,title,date,source,content\r\n"
        + "e1,\"Talks, again\",\"Mar 5, 2018\",Desk,\"He said \"\"no\"\", then left.\n\nSecond paragraph.\"\r\n"
        + "e2,Plain,3/6/18,Desk,Plain text\r\n")
    var sink = CollectingSink()
    CSVReader().read(path: path, into: &sink)
    #expect(sink.issues.isEmpty)
    #expect(sink.articles.count == 2)
    #expect(sink.articles[0].title == "Talks, again")
    #expect(sink.articles[0].text == "He said \"no\", then left.\n\nSecond paragraph.")
    #expect(sink.articles[0].date == "Mar 5, 2018")
    #expect(sink.articles[1].location == "\(path):5")  // the quoted field spanned lines 2–4
  }

  @Test func reportsBrokenRowsAndKeepsTheRest() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "broken.csv",
      """
      id,title,text
      1,One,First text
      2,Two,"an unquoted, comma",extra
      3,Three,Third text
      4,Four,"never closed
      5,Five,Fifth text
      """)
    var sink = CollectingSink()
    CSVReader().read(path: path, into: &sink)
    #expect(sink.articles.map(\.id) == ["1", "3", "5"])
    #expect(
      sink.issues.map(\.description) == [
        "\(path):3: has 4 fields but the header has 3 (an unquoted comma?); row skipped",
        "\(path):5: has a quote that never closes; row skipped",
      ])
  }

  @Test func latin1FileIsDecodedNotDropped() throws {
    let folder = try TemporaryFolder()
    var bytes = Array("id,title,text\n1,Caf".utf8)
    bytes += [0xE9]  // é in Latin-1
    bytes += Array(",It\u{0027}s ".utf8) + [0x93] + Array("quoted".utf8) + [0x94] + [0x0A]
    let path = try folder.write("latin1.csv", Data(bytes))
    var sink = CollectingSink()
    CSVReader().read(path: path, into: &sink)
    #expect(sink.articles.count == 1)
    #expect(sink.articles[0].title == "Café")
    #expect(sink.articles[0].text == "It's “quoted”")
    #expect(sink.articles[0].decodedWithFallback)
  }

  @Test func headerOnlyAndMissingTextColumnAreReported() throws {
    let folder = try TemporaryFolder()
    let headerOnly = try folder.write("h.csv", "id,title,text\n")
    let noText = try folder.write("n.csv", "id,title\n1,One\n")
    var sink = CollectingSink()
    CSVReader().read(path: headerOnly, into: &sink)
    CSVReader().read(path: noText, into: &sink)
    #expect(sink.articles.isEmpty)
    #expect(
      sink.issues.map(\.description) == [
        "\(headerOnly): has a header but no rows; nothing to index",
        "\(noText):1: header has no text column (looked for text, body, content, article_content, article_text, full_text, story); file skipped — name it with --text-field",
      ])
  }
}

@Suite struct PlainTextReaderTests {
  @Test func titleMaySpanTwoLinesBeforeAnIndentedBody() {
    let text = """
       Video: French Officer Is Punished for Revealing
      Truth About US Role in “Defeating ISIS” in Syria
       Over the past few days, the military situation has notably escalated in central and western
      Syria.
      """
    let article = PlainTextReader.article(from: text, path: "seed.txt")
    #expect(article?.title == "Video: French Officer Is Punished for Revealing Truth About US Role in “Defeating ISIS” in Syria")
    #expect(article?.text.hasPrefix(" Over the past few days") == true)
    #expect(article?.isWholeFile == true)
  }

  @Test func frontMatterGivesSourceDateAndURL() {
    let text = "Source: Levant Monitor\nDate: February 18, 2019\nURL: https://example.org/a\n\n Shelling in Idlib\n The town was hit.\n"
    let article = PlainTextReader.article(from: text, path: "x.txt")
    #expect(article?.source == "Levant Monitor")
    #expect(article?.date == "February 18, 2019")
    #expect(article?.url == "https://example.org/a")
    #expect(article?.title == "Shelling in Idlib")
    #expect(article?.text == " The town was hit.\n")
  }

  @Test func markdownHeadingIsTheTitle() {
    let article = PlainTextReader.article(from: "# Raqqa rebuilds\n\nCranes are back.", path: "r.md")
    #expect(article?.title == "Raqqa rebuilds")
    #expect(article?.text == "Cranes are back.")
  }

  @Test func aFirstParagraphEndingLikeASentenceIsNotATitle() {
    let article = PlainTextReader.article(from: "The town was shelled.\n\nMore later.", path: "t.txt")
    #expect(article?.title == nil)
    #expect(article?.text == "The town was shelled.\n\nMore later.")
  }

  @Test func dateInFileName() {
    #expect(PlainTextReader.dateInFileName("/a/2019-02-18-idlib-shelling.txt") == "2019-02-18")
    #expect(PlainTextReader.dateInFileName("/a/notes.txt") == nil)
  }

  @Test func binaryAndEmptyFilesAreSkipped() throws {
    let folder = try TemporaryFolder()
    let binary = try folder.write("image.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
    let empty = try folder.write("empty.txt", "  \n\n")
    var sink = CollectingSink()
    PlainTextReader().read(path: binary, into: &sink)
    PlainTextReader().read(path: empty, into: &sink)
    #expect(
      sink.issues.map(\.description) == [
        "\(binary): looks binary (contains NUL bytes); skipped", "\(empty): has no text; skipped",
      ])
  }
}

@Suite struct LineReaderTests {
  @Test func readsLinesAcrossBufferBoundariesAndSkipsOverlongOnes() throws {
    let folder = try TemporaryFolder()
    let long = String(repeating: "x", count: 3_000_000)
    let text = "first\r\n" + long + "\nthird\n" + String(repeating: "y", count: 1_500_000) + "\nlast"
    let path = try folder.write("lines.txt", text)
    let reader = try #require(LineReader(path: path, maximumLineBytes: 2_000_000))
    var lines: [String] = []
    while let line = reader.nextLine() {
      switch line {
      case .text(let bytes): lines.append(bytes.count > 20 ? "<\(bytes.count)>" : String(decoding: bytes, as: UTF8.self))
      case .tooLong(let bytes): lines.append("too long: \(bytes)")
      }
    }
    #expect(lines == ["first", "too long: 3000000", "third", "<1500000>", "last"])
    #expect(reader.lineNumber == 5)
  }

  @Test func anOverlongJSONLineIsReportedAndTheRestRead() throws {
    let folder = try TemporaryFolder()
    let huge = #"{"text": ""# + String(repeating: "a", count: (16 << 20) + 10) + #""}"#
    let path = try folder.write("big.jsonl", huge + "\n" + #"{"text": "Small."}"# + "\n")
    var sink = CollectingSink()
    JSONLinesReader().read(path: path, into: &sink)
    #expect(sink.articles.map(\.text) == ["Small."])
    #expect(sink.issues.map(\.description) == ["\(path):1: is 16 MB long, over the 16 MB limit for one record; line skipped"])
  }
}
