import Foundation
import NewsTestSupport
import Testing

/// Two names porter stems alike (Hamas, Hama), searched as a user does: each finds itself,
/// and the output says the name was matched as typed.
@Suite(.serialized) struct NameCollisionCommandTests {
  let folder: TemporaryFolder
  let db: String

  init() throws {
    folder = try TemporaryFolder()
    db = folder.url.appendingPathComponent("names.db").path
    try folder.indexArticles(
      [
        ("2019-01-07-talks.txt", "Talks in Cairo", "Hamas said on Monday it would attend the talks in Cairo with Egyptian mediators."),
        ("2019-01-08-shelling.txt", "Shelling in the north", "Government forces shelled Hama on Tuesday, and residents of Hama fled north."),
      ], into: db)
  }

  @Test func theTextSaysTheNameWasMatchedAsTyped() throws {
    let run = try Run(["search", "--db", db, "Hamas"])
    #expect(run.status == 0, "\(run.error)")
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "1–1 of 1 paragraph matching 'Hamas'")
    #expect(lines.dropFirst().first == "matched as typed: Hamas (not Hama, which has the same stem)")
    #expect(run.output.contains("1. Talks in Cairo") && !run.output.contains("Shelling"))
  }

  @Test func jsonEndsWithTheNamesMatchedAsTyped() throws {
    let run = try Run(["search", "--db", db, "--json", "Hama"])
    #expect(run.status == 0, "\(run.error)")
    let objects = try run.output.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
    #expect(objects.count == 2)
    #expect(objects.first?["title"] as? String == "Shelling in the north")
    let names = objects.last?["matched_as_typed"] as? [[String: String]] ?? []
    #expect(names == [["typed": "Hama", "not": "Hamas"]])
    #expect(objects.last?["rank"] == nil)
  }
}
