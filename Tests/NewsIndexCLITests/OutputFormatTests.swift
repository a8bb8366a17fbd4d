import NewsIngest
import Testing

@testable import NewsIndexCLI

@Suite struct OutputFormatTests {
  @Test func summaryListsSkippedInputsWithLocations() {
    var summary = IngestSummary()
    summary.filesRead = 2
    summary.articlesAdded = 3
    summary.paragraphsWritten = 7
    summary.skipped = [IngestIssue(location: "feed.jsonl:4", message: "is not valid JSON; line skipped")]
    summary.ignoredExtensions = [".pdf": 2]
    let text = SummaryFormatter.format(summary, databasePath: "x.db", seconds: 2, listing: 50)
    #expect(
      text == """
        indexed 2 files into x.db in 2.0 s (2 articles/s)
          articles: 3 added, 0 updated, 0 unchanged; 7 paragraphs written
          ignored 2 files of other types (.pdf ×2)
          skipped 1 input:
            feed.jsonl:4: is not valid JSON; line skipped
        """)
  }

  @Test func jsonStringsAreEscaped() {
    var output = ""
    JSONValue.writeString("a \"q\" \\ \n \u{1} ’", into: &output)
    #expect(output == #""a \"q\" \\ \n \u0001 ’""#)
  }

  @Test func wrappingKeepsMarksOutOfTheWidth() {
    let formatter = ResultFormatter(color: false, width: 30)
    let text = formatter.wrap("one two three four five six seven eight nine ten", matches: [4..<7])
    #expect(text == "   one [two] three four five six\n   seven eight nine ten")
  }

  @Test func dateBoundsAcceptYearsAndMonths() {
    #expect(DateBound.parse("2019", end: .start)?.isoString == "2019-01-01")
    #expect(DateBound.parse("2019", end: .end)?.isoString == "2019-12-31")
    #expect(DateBound.parse("2016-02", end: .end)?.isoString == "2016-02-29")
    #expect(DateBound.parse("Feb 2019", end: .start)?.isoString == "2019-02-01")
    #expect(DateBound.parse("2019-02-15", end: .end)?.isoString == "2019-02-15")
    #expect(DateBound.parse("soon", end: .end) == nil)
  }
}
