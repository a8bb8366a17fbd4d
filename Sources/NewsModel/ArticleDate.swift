/// A calendar date (no time of day): news archives are filtered and sorted by day.
public struct ArticleDate: Sendable, Equatable, Comparable, Hashable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Returns nil unless the parts form a real Gregorian date between years 1000 and 2999.
  public init?(year: Int, month: Int, day: Int) {
    guard (1000...2999).contains(year), (1...12).contains(month), day >= 1,
      day <= ArticleDate.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// `YYYY-MM-DD`, which also sorts correctly as text in SQLite.
  public var isoString: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public var description: String { isoString }

  public static func < (lhs: ArticleDate, rhs: ArticleDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
