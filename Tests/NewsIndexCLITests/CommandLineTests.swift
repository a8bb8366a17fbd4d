import Foundation
import NewsTestSupport
import Testing

/// Golden runs of the built `newsindex` binary, as a user runs it.
struct Run {
  var status: Int32
  var output: String
  var error: String

  static var binary: String? {
    var candidates: [URL] = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    for folder in candidates {
      let path = folder.appendingPathComponent("newsindex").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  init(_ arguments: [String], environment: [String: String] = [:]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Run.binary, "build the binary first: swift build"))
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    merged["NEWSINDEX_DB"] = nil
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    status = process.terminationStatus
    output = String(decoding: outData, as: UTF8.self)
    error = String(decoding: errData, as: UTF8.self)
  }
}

@Suite(.serialized) struct CommandLineTests {
  let folder: TemporaryFolder
  let db: String

  init() throws {
    folder = try TemporaryFolder()
    db = folder.url.appendingPathComponent("test.db").path
  }

  @Test func indexesTheSampleCorpusThenReindexesIdempotently() throws {
    let first = try Run(["index", "--db", db, SharedCorpora.corpus])
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output.hasPrefix("indexed 26 files into \(db) in "))
    #expect(first.output.contains("articles: 36 added, 0 updated, 0 unchanged;"))
    let second = try Run(["index", "--db", db, SharedCorpora.corpus])
    #expect(second.output.contains("articles: 0 added, 0 updated, 36 unchanged; 0 paragraphs written"))
  }

  @Test func searchPrintsNDJSONWithTheDocumentedFields() throws {
    _ = try Run(["index", "--db", db, SharedCorpora.corpus])
    let run = try Run(["search", "--db", db, "--json", "--limit", "5", "Idlib de-escalation"])
    #expect(run.status == 0)
    let lines = run.output.split(separator: "\n")
    #expect(lines.count == 5)
    let fields = [
      "rank", "score", "article_id", "source_id", "title", "date", "source", "path", "paragraph",
      "text", "matches", "snippet",
    ]
    for (index, line) in lines.enumerated() {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for field in fields { #expect(object.keys.contains(field), "missing \(field)") }
      #expect(object["rank"] as? Int == index + 1)
      let text = try #require(object["text"] as? String)
      let scalars = Array(text.unicodeScalars)
      let matches = try #require(object["matches"] as? [[Int]])
      #expect(!matches.isEmpty)
      for match in matches {
        let word = String(String.UnicodeScalarView(scalars[match[0]..<match[1]])).lowercased()
        #expect(word.hasPrefix("idl") || word.hasPrefix("de"), "matched \(word)")
      }
    }
    #expect(run.output.hasPrefix(#"{"rank":1,"score":"#))
  }

  @Test func pipedOutputMarksMatchesWithBrackets() throws {
    _ = try Run(["index", "--db", db, SharedCorpora.corpus])
    let run = try Run(["search", "--db", db, "--limit", "1", "Lavrov"])
    #expect(run.status == 0)
    #expect(run.output.contains("[Lavrov]"))
    #expect(!run.output.contains("\u{1B}["))
    #expect(run.output.hasPrefix("1–1 of "))
  }

  @Test func aQueryWithoutWordsIsAUsageError() throws {
    _ = try Run(["index", "--db", db, SharedCorpora.corpus])
    let run = try Run(["search", "--db", db, "("])
    #expect(run.status == 64)
    #expect(
      run.error
        == "newsindex: the query '(' has no words to search for (only punctuation, symbols or operators); type at least one word\n")
    #expect(run.output.isEmpty)
  }

  @Test func searchingWithoutAnIndexSaysWhatToDo() throws {
    let run = try Run(["search", "--db", db, "Idlib"])
    #expect(run.status == 2)
    #expect(run.error == "newsindex: no index at \(db); run 'newsindex index FOLDER' first, or pass --db PATH\n")
  }

  @Test func skippedInputsAreListedWithTheirLineAndExitOne() throws {
    let feed = try folder.write("feed.jsonl", #"{"text": "Fine."}"# + "\n{broken\n")
    let run = try Run(["index", "--db", db, feed])
    #expect(run.status == 1)
    #expect(run.output.contains("articles: 1 added"))
    #expect(run.output.contains("    \(feed):2: is not valid JSON; line skipped"))
  }

  @Test func showPrintsNumberedParagraphs() throws {
    _ = try Run(["index", "--db", db, SharedCorpora.corpus])
    let run = try Run(["show", "--db", db, "wire-0001"])
    #expect(run.status == 0)
    #expect(run.output.contains("¶0"))
    #expect(run.output.contains("¶1"))
    let missing = try Run(["show", "--db", db, "no-such-id"])
    #expect(missing.status == 1)
    #expect(missing.error.hasPrefix("newsindex: no article has the id 'no-such-id'"))
  }

  @Test func badOptionsAreUsageErrors() throws {
    let limit = try Run(["search", "--db", db, "--limit", "0", "Idlib"])
    #expect(limit.status == 64)
    #expect(limit.error.contains("--limit must be between 1 and 1000 (got 0)"))
    let date = try Run(["search", "--db", db, "--since", "someday", "Idlib"])
    #expect(date.status == 64)
    #expect(date.error.contains("--since 'someday' is not a date"))
  }

  @Test func dateAndSourceFiltersApply() throws {
    _ = try Run(["index", "--db", db, SharedCorpora.corpus])
    let run = try Run(["search", "--db", db, "--json", "--since", "2019", "--limit", "50", "Idlib"])
    let dates = run.output.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["date"] as? String
    }
    #expect(!dates.isEmpty)
    #expect(dates.allSatisfy { $0 >= "2019-01-01" })
  }

  @Test func entitiesAreListedAndFoundUnderAnyName() throws {
    _ = try Run(["index", "--db", db, SharedCorpora.corpus])
    let list = try Run(["entities", "--db", db, "--type", "person", "--limit", "5", "--json"])
    #expect(list.status == 0)
    let people = list.output.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(people.count == 5)
    #expect(people.allSatisfy { $0["type"] as? String == "person" })
    let card = try Run(["entity", "--db", db, "Daesh"])
    #expect(card.status == 0)
    #expect(card.output.hasPrefix("ISIS (organization)"))
    #expect(card.output.contains("named in the same paragraphs"))
    let unknown = try Run(["entity", "--db", db, "Nobody Atall"])
    #expect(unknown.status == 64)
    #expect(unknown.error.hasPrefix("newsindex: no entity is named 'Nobody Atall'"))
  }

  @Test func searchByEntityShowsEntitiesInJSON() throws {
    _ = try Run(["index", "--db", db, SharedCorpora.corpus])
    let run = try Run(["search", "--db", db, "--json", "--entity", "lavr*", "Idlib"])
    #expect(run.status == 0)
    let lines = run.output.split(separator: "\n")
    #expect(!lines.isEmpty)
    for line in lines {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let entities = try #require(object["entities"] as? [[String: Any]])
      #expect(entities.contains { $0["name"] as? String == "Sergey Lavrov" && $0["type"] as? String == "person" })
    }
  }

  @Test func conllTaggingKeepsEveryLineAndAppendsATag() throws {
    let input = "-DOCSTART- -X- O O\n\nSergey NNP I-NP I-PER\nLavrov NNP I-NP I-PER\nvisited VBD I-VP O\nAnkara NNP I-NP I-LOC\n. . O O\n\n"
    let file = try folder.write("tiny.conll", input)
    let run = try Run(["tag", "--conll", file])
    #expect(run.status == 0)
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
    let inputLines = input.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == inputLines.count)
    for (output, original) in zip(lines, inputLines) {
      #expect(output.hasPrefix(original))
    }
    #expect(lines[0] == "-DOCSTART- -X- O O O")
    #expect(lines[2] == "Sergey NNP I-NP I-PER B-PER")
    #expect(lines[3] == "Lavrov NNP I-NP I-PER I-PER")
    #expect(lines[4] == "visited VBD I-VP O O")
    #expect(lines[5] == "Ankara NNP I-NP I-LOC B-LOC")
  }

  @Test func searchWhileIndexingNeverFailsAndTwoIndexRunsSerialize() throws {
    let lines = (0..<3000).map {
      #"{"id": "c\#($0)", "title": "Report \#($0)", "text": "Shelling near Idlib continued on day \#($0). Talks in Sochi resumed.\n\nA second paragraph about Hama and convoy \#($0)."}"#
    }
    let feed = try folder.write("big.jsonl", lines.joined(separator: "\n") + "\n")
    _ = try Run(["index", "--db", db, "--no-entities", SharedCorpora.corpus])
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: try #require(Run.binary))
    writer.arguments = ["index", "--quiet", "--db", db, feed]
    writer.standardOutput = FileHandle.nullDevice
    try writer.run()
    let second = try Run(["index", "--quiet", "--no-entities", "--db", db, SharedCorpora.corpus])
    #expect(second.status == 0, "a second index run waits for the first: \(second.error)")
    var searches = 0
    while writer.isRunning || searches < 3 {
      let run = try Run(["search", "--db", db, "--limit", "3", "Idlib"])
      #expect(run.status == 0, "search during indexing: \(run.error)")
      #expect(run.error.isEmpty)
      searches += 1
      if searches > 200 { break }
    }
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    let check = try Run(["check", "--db", db])
    #expect(check.status == 0, "\(check.output)")
  }

  @Test func groupedSearchGivesOneBestParagraphPerArticle() throws {
    _ = try Run(["index", "--db", db, "--no-entities", SharedCorpora.corpus])
    let run = try Run(["search", "--db", db, "--json", "--group", "--limit", "20", "Idlib"])
    #expect(run.status == 0)
    let objects = run.output.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(objects.count > 5)
    let ids = objects.compactMap { $0["article_id"] as? String }
    #expect(Set(ids).count == ids.count)
    #expect(objects.allSatisfy { ($0["more_paragraphs_matched"] as? Int).map { $0 >= 0 } == true })
    #expect(objects.contains { ($0["more_paragraphs_matched"] as? Int ?? 0) > 0 })
    let scores = objects.compactMap { $0["score"] as? Double }
    #expect(scores.count == objects.count)
  }
}
