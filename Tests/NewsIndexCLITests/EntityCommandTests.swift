import Foundation
import NewsTestSupport
import Testing

/// `newsindex entities` and `newsindex entity` read counts the index keeps per entity: they
/// must say the same after a changed file is indexed again as after indexing it afresh.
@Suite(.serialized) struct EntityCommandTests {
  let folder: TemporaryFolder

  init() throws {
    folder = try TemporaryFolder()
  }

  /// `entities --json` as name → (mentions, articles, first date, last date).
  func entities(_ db: String) throws -> [String: [String]] {
    let run = try Run(["entities", "--db", db, "--json", "--limit", "10000"])
    #expect(run.status == 0, "\(run.error)")
    var result: [String: [String]] = [:]
    for line in run.output.split(separator: "\n") {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let name = try #require(object["name"] as? String)
      result[name] = ["mentions", "articles", "first_date", "last_date"].map { "\(object[$0] ?? "-")" }
    }
    return result
  }

  @Test func countsAreExactAfterAChangedFileIsIndexedAgain() throws {
    let lavrov =
      #"{"id": "a", "title": "Talks", "date": "2019-02-18", "text": "Foreign Minister Sergey Lavrov met Mevlut Cavusoglu in Sochi on Monday.\n\nLavrov said the talks on Idlib would continue in Ankara."}"#
    let first = try folder.write(
      "feed/news.jsonl",
      lavrov + "\n"
        + #"{"id": "b", "title": "Moscow", "date": "2019-03-01", "text": "Sergey Lavrov spoke in Moscow about Idlib."}"#
        + "\n")
    let db = folder.url.appendingPathComponent("reindexed.db").path
    let index = try Run(["index", "--quiet", "--db", db, first])
    #expect(index.status == 0, "\(index.error)")
    let before = try entities(db)
    #expect(before["Sergey Lavrov"] == ["3", "2", "2019-02-18", "2019-03-01"])
    #expect(before["Idlib"] == ["2", "2", "2019-02-18", "2019-03-01"])

    // Article b changes: Lavrov leaves it, Putin comes in, and its date moves.
    _ = try folder.write(
      "feed/news.jsonl",
      lavrov + "\n"
        + #"{"id": "b", "title": "Moscow", "date": "2019-04-02", "text": "President Vladimir Putin spoke in Moscow about Idlib."}"#
        + "\n")
    let again = try Run(["index", "--db", db, first])
    #expect(again.output.contains("articles: 0 added, 1 updated, 1 unchanged"), "\(again.output)")
    let after = try entities(db)
    #expect(after["Sergey Lavrov"] == ["2", "1", "2019-02-18", "2019-02-18"])
    #expect(after["Idlib"] == ["2", "2", "2019-02-18", "2019-04-02"])
    #expect(after["Vladimir Putin"] == ["1", "1", "2019-04-02", "2019-04-02"])

    let fresh = folder.url.appendingPathComponent("fresh.db").path
    _ = try Run(["index", "--quiet", "--db", fresh, first])
    #expect(after == (try entities(fresh)))
    for name in ["Idlib", "Lavrov", "Moscow"] {
      let card = try Run(["entity", "--db", db, name])
      #expect(card.status == 0, "\(card.error)")
      // The same lines; entities named in as many paragraphs may come in another order (the
      // two archives number their entities differently).
      let freshCard = try Run(["entity", "--db", fresh, name])
      #expect(card.output.split(separator: "\n").sorted() == freshCard.output.split(separator: "\n").sorted())
    }
    #expect(
      try Run(["entity", "--db", db, "Lavrov"]).output.contains(
        "2 mentions in 1 article, 2019-02-18 … 2019-02-18"))
  }
}
