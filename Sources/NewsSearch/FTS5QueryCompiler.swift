/// Compiles a ``SearchQuery`` into FTS5 MATCH expressions.
///
/// Every token is wrapped in double quotes (an embedded quote doubled), so FTS5 never sees
/// user text as syntax. Two expressions come out: one that selects candidates (any unit) and
/// one that marks the passages holding every unit, which rank first.
public enum FTS5QueryCompiler {
  /// FTS5 column holding article titles.
  static let titleColumn = "title"

  /// Passages matching at least one unit and no exclusion.
  public static func matchExpression(for query: SearchQuery) -> String {
    let any =
      query.units.count == 1
      ? expression(for: query.units[0])
      : "(" + query.units.map(expression(for:)).joined(separator: " OR ") + ")"
    return excluding(query.exclusions, from: any)
  }

  /// Passages matching every unit and no exclusion; nil when the query has a single unit.
  public static func allUnitsExpression(for query: SearchQuery) -> String? {
    guard query.units.count > 1 else { return nil }
    let all = "(" + query.units.map(expression(for:)).joined(separator: " AND ") + ")"
    return excluding(query.exclusions, from: all)
  }

  static func excluding(_ exclusions: [QueryUnit], from expression: String) -> String {
    guard !exclusions.isEmpty else { return expression }
    return expression + " NOT (" + exclusions.map(self.expression(for:)).joined(separator: " OR ") + ")"
  }

  static func expression(for unit: QueryUnit) -> String {
    switch unit {
    case .phrase(let tokens, let prefix):
      return quoted(tokens.joined(separator: " ")) + (prefix ? "*" : "")
    case .inTitle(let inner):
      // A column filter applies to a phrase; an OR group is filtered member by member.
      if case .either(let options) = inner {
        return "(" + options.map { expression(for: .inTitle($0)) }.joined(separator: " OR ") + ")"
      }
      if case .inTitle(let nested) = inner { return expression(for: .inTitle(nested)) }
      return "\(titleColumn) : " + expression(for: inner)
    case .either(let options):
      return "(" + options.map(expression(for:)).joined(separator: " OR ") + ")"
    }
  }

  static func quoted(_ text: String) -> String {
    "\"" + text.replacingQuotes() + "\""
  }
}

extension String {
  fileprivate func replacingQuotes() -> String {
    var result = ""
    for character in self {
      result.append(character)
      if character == "\"" { result.append("\"") }
    }
    return result
  }
}
