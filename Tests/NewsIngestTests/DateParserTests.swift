import Testing

@testable import NewsIngest

@Suite struct DateParserTests {
  @Test(arguments: [
    ("2019-02-15", "2019-02-15"),
    ("2019-02-15T08:30:00Z", "2019-02-15"),
    ("2019/2/5", "2019-02-05"),
    ("4/5/17", "2017-04-05"),  // FA-KES: month/day/two-digit year
    ("12/31/1999", "1999-12-31"),
    ("7/10/87", "1987-07-10"),
    ("15.02.2019", "2019-02-15"),
    ("Feb 15, 2019", "2019-02-15"),
    ("February 15, 2019", "2019-02-15"),
    ("15 February 2019", "2019-02-15"),
    ("Wed 05 Apr 2017", "2017-04-05"),
    ("Fri, 15 Feb 2019 10:00:00 GMT", "2019-02-15"),
    ("Sept 3 2018", "2018-09-03"),
  ])
  func readsCommonFormats(text: String, expected: String) {
    #expect(DateParser.parse(text)?.isoString == expected, "input: \(text)")
  }

  @Test(arguments: ["", "yesterday", "2019-02-30", "13/45/19", "Feb 2019", "99999", "Feb 15"])
  func unknownStaysEmpty(text: String) {
    #expect(DateParser.parse(text) == nil, "input: \(text)")
  }
}
