/// Splits text into tokens the way FTS5's `unicode61` tokenizer does: letters, digits and
/// private-use characters form tokens; everything else separates them.
///
/// Keeping the two in step means a query word and the indexed text break at the same places
/// ("al-Nu’man" → al, nu, man).
enum Tokenizer {
  static func tokens(in scalars: some Collection<Unicode.Scalar>) -> [String] {
    var tokens: [String] = []
    var current = String.UnicodeScalarView()
    for scalar in scalars {
      if isTokenScalar(scalar) {
        if current.count < QueryParser.maximumTokenLength { current.append(scalar) }
      } else if !current.isEmpty {
        tokens.append(String(current))
        current = String.UnicodeScalarView()
      }
    }
    if !current.isEmpty { tokens.append(String(current)) }
    return tokens
  }

  static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber, .privateUse:
      return true
    default:
      return false
    }
  }
}
