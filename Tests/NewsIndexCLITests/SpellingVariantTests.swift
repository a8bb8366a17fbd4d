import Foundation
import NewsTestSupport
import Testing

/// Golden runs of spelling variants, `--exact` and "did you mean" (issue 4), on reports that
/// spell Idlib and Deir ez-Zor two ways each.
@Suite(.serialized) struct SpellingVariantTests {
  let folder: TemporaryFolder
  let db: String

  init() throws {
    folder = try TemporaryFolder()
    db = folder.url.appendingPathComponent("spellings.db").path
    try folder.write(
      "in/2019-02-18-idlib.txt",
      """
      Shelling Hits Southern Idlib

      Government artillery shelled villages in southern Idlib on Monday, residents said.

      Aid groups in Idlib said the shelling was the heaviest since the Sochi agreement.
      """)
    try folder.write(
      "in/2019-03-09-idleb.txt",
      """
      Turkish Patrols Begin

      Turkish troops patrolled the buffer zone in Idleb province on Friday, officials in Ankara said.
      """)
    try folder.write(
      "in/2017-09-06-deir.txt",
      """
      Siege Broken in the East

      Government forces broke the siege of Deir ez-Zor on Tuesday after three years.
      """)
    try folder.write(
      "in/2019-03-24-deir.txt",
      """
      Oil Fields Change Hands

      Kurdish-led fighters took the oil fields east of Deir al-Zor, the coalition said on Sunday.
      """)
    let index = try Run(["index", "--db", db, "--no-entities", folder.url.appendingPathComponent("in").path])
    #expect(index.status == 0, "\(index.error)")
  }

  @Test func aQueryInOneSpellingFindsAndMarksTheOther() throws {
    let run = try Run(["search", "--db", db, "Idlib"])
    #expect(run.status == 0, "\(run.error)")
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      Array(lines.prefix(2)) == [
        "1–3 of 3 paragraphs matching 'Idlib'", "also searched: Idleb (spellings of Idlib)",
      ])
    #expect(run.output.contains("   2019-03-09 · "))
    #expect(
      lines.contains { $0.hasPrefix("   2019-03-09 · ") && $0.hasSuffix(" ¶0 · matched Idleb for Idlib") })
    #expect(run.output.contains("the buffer zone in [Idleb] province"))
    #expect(!run.output.contains("partial match"))

    let names = try Run(["search", "--db", db, "Deir Ezzor"])
    #expect(names.output.contains("also searched: Deir al-Zor, Deir ez-Zor (spellings of Deir Ezzor)"))
    #expect(names.output.contains("matched Deir ez-Zor for Deir Ezzor"))
    #expect(names.output.contains("matched Deir al-Zor for Deir Ezzor"))
  }

  @Test func jsonListsTheSpellingEachHitMatched() throws {
    let run = try Run(["search", "--db", db, "--json", "Idlib"])
    let objects = try run.output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.count == 3)
    let variants = objects.map { $0["variants_matched"] as? [[String: String]] }
    #expect(variants.prefix(2).allSatisfy { $0 == [] })
    #expect(variants.last == [["query": "Idlib", "matched": "Idleb"]])
    #expect(
      run.output.contains(
        #""matched_all_terms":false,"variants_matched":[{"query":"Idlib","matched":"Idleb"}],"#))
  }

  @Test func exactSearchesOnlyTheSpellingTyped() throws {
    let run = try Run(["search", "--db", db, "--exact", "Idlib"])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("1–2 of 2 paragraphs matching 'Idlib'\n\n"))
    #expect(!run.output.contains("Idleb"))
    #expect(!run.output.contains("also searched"))
  }

  @Test func aMistypedWordGetsADidYouMean() throws {
    let run = try Run(["search", "--db", db, "Idlip"])
    #expect(run.status == 0)
    // Counted as "Idlib" runs: with Idleb, 3 paragraphs.
    #expect(run.output == "no paragraph matches 'Idlip'\ndid you mean: \"Idlib\"? (3 paragraphs)\n")
    let json = try Run(["search", "--db", db, "--json", "Idlip"])
    #expect(
      json.output
        == #"{"did_you_mean":"Idlib","matches":3,"replacements":[{"typed":"Idlip","suggested":"Idlib"}]}"#
        + "\n")
    // Never applied silently, and not offered for what was quoted.
    let quoted = try Run(["search", "--db", db, #""Idlip""#])
    #expect(quoted.output == "no paragraph matches '\"Idlip\"'\n")
  }

  @Test func aMistypedWordAmongOthersThatMatchGetsADidYouMean() throws {
    // "shelling" and "government" match three paragraphs; none holds all three words as typed.
    let run = try Run(["search", "--db", db, "Idlip shelling government"])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("1–3 of 3 paragraphs matching 'Idlip shelling government'\n"))
    #expect(run.output.contains("partial match"))
    #expect(run.output.hasSuffix("\ndid you mean: \"Idlib shelling government\"? (1 paragraph with every word)\n"))
    let json = try Run(["search", "--db", db, "--json", "Idlip shelling government"])
    #expect(
      json.output.hasSuffix(
        #"{"did_you_mean":"Idlib shelling government","matches":1,"matches_counted":"every word","replacements":[{"typed":"Idlip","suggested":"Idlib"}]}"#
          + "\n"))
  }
}
