import NewsIngest
import Testing

@testable import NewsIndexCLI

@Suite struct ProgressFormatterTests {
  /// Half of 48 MB read in 4 s: 6 MB/s, 4 s to go.
  let halfway = IngestProgress(
    bytesRead: 24_000_000, bytesTotal: 48_000_000, articlesRead: 9_120, filesRead: 0, filesTotal: 1)

  @Test func showsBarPercentArticlesSizeRateAndTimeLeft() {
    #expect(
      ProgressFormatter.line(halfway, seconds: 4, width: 80)
        == "[========>       ]  50%  9,120 articles  24.0/48.0 MB  6.0 MB/s  ETA 0:04")
  }

  @Test func theBarKeepsItsWidthAsTheNumbersGrow() {
    let early = IngestProgress(bytesRead: 2_000_000, bytesTotal: 48_000_000, articlesRead: 9, filesTotal: 1)
    let late = IngestProgress(
      bytesRead: 47_000_000, bytesTotal: 48_000_000, articlesRead: 1_234_567, filesTotal: 1)
    let lines = [early, late].map { ProgressFormatter.line($0, seconds: 30, width: 100) }
    #expect(
      lines.map { $0.firstIndex(of: "]") } == [lines[0].firstIndex(of: "]"), lines[0].firstIndex(of: "]")])
    #expect(
      lines[1]
        == "[===================================>]  97%  1,234,567 articles  47.0/48.0 MB  1.6 MB/s  ETA 0:01"
    )
  }

  @Test func theBarStopsGrowingOnAWideTerminal() {
    let line = ProgressFormatter.line(halfway, seconds: 4, width: 200)
    #expect(
      line.hasPrefix(
        "[" + String(repeating: "=", count: 20) + ">" + String(repeating: " ", count: 19) + "]  50%"))
  }

  @Test func noRateOrTimeLeftInTheFirstSecond() {
    let start = IngestProgress(bytesRead: 65_536, bytesTotal: 48_000_000, articlesRead: 120, filesTotal: 1)
    #expect(
      ProgressFormatter.line(start, seconds: 0.3, width: 80)
        == "[>               ]   0%  120 articles   0.1/48.0 MB  ETA -:--")
  }

  @Test(arguments: [
    // Narrower: the rate goes first, then the article count, then the bar.
    (60, "[=====>    ]  50%  9,120 articles  24.0/48.0 MB  ETA 0:04"),
    (50, "[=====>    ]  50%  24.0/48.0 MB  ETA 0:04"),
    (40, " 50%  24.0/48.0 MB  ETA 0:04"),
    (20, " 50%  ETA 0:04"),
    (8, " 50%"),
    (3, " 5"),
  ])
  func fitsNarrowTerminals(width: Int, expected: String) {
    #expect(ProgressFormatter.line(halfway, seconds: 4, width: width) == expected)
  }

  @Test func neverFillsTheLastColumn() {
    for width in 1...160 {
      let line = ProgressFormatter.line(halfway, seconds: 4, width: width)
      #expect(line.count <= max(0, width - 1), "width \(width): \(line)")
    }
  }

  @Test func saysWhenOnlyTheFinalWritesAreLeft() {
    let done = IngestProgress(
      bytesRead: 52_700_000, bytesTotal: 52_700_000, articlesRead: 20_010, filesRead: 1, filesTotal: 1,
      readingDone: true)
    #expect(
      ProgressFormatter.line(done, seconds: 9, width: 80)
        == "[================] 100%  20,010 articles  52.7/52.7 MB  finishing the index…")
  }

  @Test func anUnknownTotalShowsWhatWasRead() {
    let unknown = IngestProgress(bytesRead: 1_500_000, bytesTotal: 0, articlesRead: 1)
    #expect(ProgressFormatter.line(unknown, seconds: 2, width: 80) == "1 article  1.5 MB  750 kB/s")
  }

  @Test(arguments: [
    (0, "0:00"), (4, "0:04"), (75, "1:15"), (3_599, "59:59"), (3_725, "1:02:05"),
  ])
  func timeLeftReadsAsAClock(seconds: Int, expected: String) {
    #expect(ProgressFormatter.clock(seconds) == expected)
  }

  @Test func sizesUseTheTotalsUnit() {
    #expect(ProgressFormatter.bytes(512, of: 40_000) == " 1/40 kB")
    #expect(ProgressFormatter.bytes(24_100_000, of: 51_300_000) == "24.1/51.3 MB")
    #expect(ProgressFormatter.bytes(1_234_000_000, of: 5_300_000_000) == "1.23/5.30 GB")
    #expect(ProgressFormatter.grouped(1_234_567) == "1,234,567")
    #expect(ProgressFormatter.grouped(999) == "999")
  }
}
