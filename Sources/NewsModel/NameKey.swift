import Foundation

/// The form of a name used to decide that two mentions name the same thing: case, accents,
/// dots, hyphens, a leading "the" and a possessive "’s" do not matter.
///
/// "U.S." = "US", "Deir ez-Zor" = "Deir Ez Zor", "the Kremlin’s" = "Kremlin".
public enum NameKey {
  public static func of(_ name: String) -> String {
    var text = name.replacingOccurrences(of: "\u{2019}", with: "'")
      .replacingOccurrences(of: "\u{2018}", with: "'")
    if text.hasSuffix("'s") || text.hasSuffix("'S") { text.removeLast(2) }
    if text.hasSuffix("'") { text.removeLast() }
    text = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var scalars = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case ".": continue
      case "-", " ", "\t", "\n", "\u{00A0}", "_":
        pendingSpace = !scalars.isEmpty
      default:
        if pendingSpace { scalars.append(" ") }
        pendingSpace = false
        scalars.append(scalar)
      }
    }
    var key = String(scalars)
    if key.hasPrefix("the ") { key.removeFirst(4) }
    return key
  }
}
