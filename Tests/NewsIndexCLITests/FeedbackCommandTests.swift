import Foundation
import NewsTestSupport
import Testing

/// `search --feedback` as a user runs it: the words added are shown, and the article that
/// tells the story without the typed word is found.
@Suite(.serialized) struct FeedbackCommandTests {
  let folder: TemporaryFolder
  let db: String

  init() throws {
    folder = try TemporaryFolder()
    db = folder.url.appendingPathComponent("plants.db").path
    try folder.indexArticles(
      [
        ("2011-03-12-pumps.txt", "Plant Alert", "The reactor cooling pumps failed and coolant levels fell at the plant."),
        ("2011-03-13-core.txt", "Core Damage", "Engineers said the reactor core overheated when coolant pumps failed."),
        ("2011-03-14-shutdown.txt", "Plant Shutdown", "Coolant pumps failed overnight and engineers shut the plant down."),
        ("2011-03-15-petrol.txt", "Fuel Prices", "Petrol prices rose again at the pumps in the capital."),
      ], into: db, options: ["--no-entities"])
  }

  @Test func theAddedWordsAreShownAndFindMore() throws {
    let plain = try Run(["search", "--db", db, "reactor"])
    #expect(plain.output.hasPrefix("1–2 of 2 paragraphs matching 'reactor'\n"))
    let run = try Run(["search", "--db", db, "--feedback", "reactor"])
    #expect(run.status == 0, "\(run.error)")
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(lines[0] == "1–3 of 3 paragraphs matching 'reactor'")
    #expect(lines[1].hasPrefix("also searched, from the top results: "))
    #expect(lines[1].contains("coolant") && !lines[1].contains("reactor"))
    // "pumps", in every report, is not added: the petrol prices stay out. The shutdown
    // report, which never says "reactor", comes third, after both that do.
    #expect(!lines[1].contains("pumps"))
    let titles = lines.filter { $0.first?.isNumber == true && $0.contains(". ") }
    #expect(titles == ["1. Plant Alert", "2. Core Damage", "3. Plant Shutdown"]
      || titles == ["1. Core Damage", "2. Plant Alert", "3. Plant Shutdown"])
  }

  @Test func jsonEndsWithTheAddedWords() throws {
    let run = try Run(["search", "--db", db, "--json", "--group", "--feedback", "reactor"])
    #expect(run.status == 0, "\(run.error)")
    let objects = try run.output.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
    #expect(objects.dropLast().allSatisfy { $0["rank"] != nil })
    let words = objects.last?["feedback_words"] as? [String] ?? []
    #expect(words.contains("coolant") && !words.contains("reactor"))
    // Without the flag, no such line.
    let plain = try Run(["search", "--db", db, "--json", "reactor"])
    #expect(!plain.output.contains("feedback_words"))
  }
}
