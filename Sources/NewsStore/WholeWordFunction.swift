import Foundation
import GRDB
import NewsModel

/// `newshasword(text, word)`: 1 when `text` holds `word` as a whole word, case and accents
/// aside (`word` given folded as ``NameKey`` folds it: lower case, no accents); else 0.
///
/// FTS5 matches the stems its porter tokenizer makes, and porter gives two names one stem
/// when one is the other plus an "s" (Hamas and Hama, the group and the city, are both
/// `hama`). Search checks the word as typed with this function for such names (see
/// `PassageQuery.namesAsTyped`), on the passages the stem matched.
enum WholeWordFunction {
  static let name = "newshasword"

  static func register(in db: Database) {
    db.add(function: DatabaseFunction(name, argumentCount: 2, pure: true) { values in
      guard let text = String.fromDatabaseValue(values[0]), let word = String.fromDatabaseValue(values[1]) else {
        return false
      }
      return holds(text, word: word)
    })
  }

  /// Whether `text` holds `word` (folded) with no letter or digit on either side.
  static func holds(_ text: String, word: String) -> Bool {
    let folded =
      text.utf8.allSatisfy { $0 < 0x80 }
      ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var searchStart = folded.startIndex
    while let found = folded.range(of: word, range: searchStart..<folded.endIndex) {
      let before = found.lowerBound == folded.startIndex ? nil : folded[folded.index(before: found.lowerBound)]
      let after = found.upperBound == folded.endIndex ? nil : folded[found.upperBound]
      if !isWordCharacter(before) && !isWordCharacter(after) { return true }
      searchStart = folded.index(after: found.lowerBound)
    }
    return false
  }

  private static func isWordCharacter(_ character: Character?) -> Bool {
    guard let character else { return false }
    return character.isLetter || character.isNumber
  }
}
