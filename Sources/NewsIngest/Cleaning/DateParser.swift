import Foundation
import NewsModel

/// Reads the dates news exports actually contain.
///
/// Accepted: ISO 8601 (`2019-02-15`, `2019-02-15T08:30:00Z`, `2019/02/15`), US numeric
/// month/day/year (`4/5/17`, `04/05/2017`), day.month.year (`15.02.2019`), and month names in
/// either order with optional weekday and time (`Feb 15, 2019`, `15 February 2019`,
/// `Wed 05 Apr 2017`, `Fri, 15 Feb 2019 10:00:00 GMT`). Two-digit years 00–69 are 20xx,
/// 70–99 are 19xx. Anything else gives nil: an unknown date stays empty rather than wrong.
public enum DateParser {
  public static let months: [String: Int] = [
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
  ]

  public static func parse(_ text: String) -> ArticleDate? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
    let tokens = tokenize(trimmed)
    guard !tokens.isEmpty else { return nil }

    let numbers = tokens.compactMap { token -> (value: Int, digits: Int)? in
      guard case .number(let value, let digits) = token else { return nil }
      return (value, digits)
    }
    let monthNames = tokens.compactMap { token -> Int? in
      guard case .word(let word) = token else { return nil }
      return months[word]
    }

    if let month = monthNames.first {
      // "Feb 15, 2019" / "15 Feb 2019": the day is a 1–2 digit number, the year the 4-digit
      // one (or a trailing 2-digit one); numbers after the year belong to a time of day.
      guard let yearIndex = numbers.firstIndex(where: { $0.digits == 4 }) ?? (numbers.count >= 2 ? 1 : nil)
      else { return nil }
      let day = numbers.enumerated().first { $0.offset != yearIndex && $0.element.digits <= 2 }
      guard let day else { return nil }
      return ArticleDate(year: expandYear(numbers[yearIndex]), month: month, day: day.element.value)
    }

    guard numbers.count >= 3, tokens.count >= 3 else { return nil }
    let (first, second, third) = (numbers[0], numbers[1], numbers[2])
    let separator = firstSeparator(in: trimmed)
    if first.digits == 4 {
      return ArticleDate(year: first.value, month: second.value, day: third.value)
    }
    guard third.digits == 4 || third.digits == 2 else { return nil }
    if separator == "." {
      return ArticleDate(year: expandYear(third), month: second.value, day: first.value)
    }
    return ArticleDate(year: expandYear(third), month: first.value, day: second.value)
  }

  enum Token: Equatable {
    case number(Int, digits: Int)
    case word(String)
  }

  static func tokenize(_ text: String) -> [Token] {
    var tokens: [Token] = []
    var current = ""
    var currentIsDigits = false
    func flush() {
      guard !current.isEmpty else { return }
      if currentIsDigits {
        if current.count <= 4, let value = Int(current) {
          tokens.append(.number(value, digits: current.count))
        }
      } else {
        tokens.append(.word(current.lowercased()))
      }
      current = ""
    }
    for character in text {
      if character.isASCII && character.isNumber {
        if !currentIsDigits { flush() }
        currentIsDigits = true
        current.append(character)
      } else if character.isLetter {
        if currentIsDigits { flush() }
        currentIsDigits = false
        current.append(character)
      } else {
        flush()
      }
    }
    flush()
    return tokens
  }

  static func firstSeparator(in text: String) -> Character? {
    text.first { !($0.isNumber || $0.isWhitespace) }
  }

  static func expandYear(_ year: (value: Int, digits: Int)) -> Int {
    guard year.digits <= 2 else { return year.value }
    return year.value < 70 ? 2000 + year.value : 1900 + year.value
  }
}
