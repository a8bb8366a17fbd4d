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
    excluding(query.exclusions, from: anyUnitExpression(for: query))
  }

  /// Passages matching at least one unit, exclusions aside (grouped search excludes whole
  /// articles instead: see ``exclusionExpression(for:)``).
  public static func anyUnitExpression(for query: SearchQuery) -> String {
    query.units.count == 1
      ? expression(for: query.units[0])
      : "(" + query.units.map { expression(for: $0) }.joined(separator: " OR ") + ")"
  }

  /// Passages holding any excluded unit; nil when nothing is excluded.
  public static func exclusionExpression(for query: SearchQuery) -> String? {
    query.exclusions.isEmpty ? nil : "(" + query.exclusions.map { expression(for: $0) }.joined(separator: " OR ") + ")"
  }

  /// Passages whose own text holds every unit (title: units in the title), and no exclusion.
  ///
  /// The title is left out here on purpose: it is shared by every paragraph of an article, so
  /// counting it would lift paragraphs that say nothing about the query into the first tier.
  /// Nil for a title-only query, where the tier would say nothing.
  public static func allUnitsExpression(for query: SearchQuery) -> String? {
    if query.units.count == 1, case .inTitle = query.units[0] { return nil }
    let all = "(" + query.units.map { expression(for: $0, column: textColumn) }.joined(separator: " AND ") + ")"
    return excluding(query.exclusions, from: all)
  }

  /// ``allUnitsExpression(for:)``'s tier as `newstier`'s units argument, against the phrases
  /// of `query`'s ``matchExpression(for:)``: for each unit of `tiers`, the phrases of the match
  /// expression that are its phrases, with the column each must occur in (text; title under
  /// `title:`). Nil when there is no tier, or when a phrase of `tiers` is not among the match
  /// expression's phrases in a column it can be seen in, or the exclusions differ: the tier then
  /// needs its own MATCH.
  public static func tierUnits(of tiers: SearchQuery, in query: SearchQuery) -> String? {
    if tiers.units.count == 1, case .inTitle = tiers.units[0] { return nil }
    guard tiers.exclusions == query.exclusions else { return nil }
    var matched: [(phrase: QueryUnit, column: Int?)] = []
    for unit in query.units + query.exclusions { collectPhrases(of: unit, column: nil, into: &matched) }
    var units: [String] = []
    for unit in tiers.units {
      var typed: [(phrase: QueryUnit, column: Int?)] = []
      collectPhrases(of: unit, column: textColumnIndex, into: &typed)
      var alternatives: [String] = []
      // Every typed phrase has a column: the text's, or the title's under `title:`.
      for case let (phrase, column?) in typed {
        let found = matched.indices.filter {
          matched[$0].phrase == phrase && (matched[$0].column == nil || matched[$0].column == column)
        }
        guard !found.isEmpty else { return nil }
        alternatives += found.map { "\($0):\(column)" }
      }
      units.append(alternatives.joined(separator: ","))
    }
    return units.joined(separator: ";")
  }

  /// The phrases of `unit` in the order ``expression(for:column:)`` writes them, each with the
  /// column it is looked for in: `column`, or the title's under `title:`.
  static func collectPhrases(of unit: QueryUnit, column: Int?, into phrases: inout [(phrase: QueryUnit, column: Int?)]) {
    switch unit {
    case .phrase: phrases.append((unit, column))
    case .inTitle(let inner): collectPhrases(of: inner, column: titleColumnIndex, into: &phrases)
    case .either(let options): for option in options { collectPhrases(of: option, column: column, into: &phrases) }
    }
  }

  /// The columns' positions in the FTS5 table (`paragraphFTS(title, text)`).
  static let titleColumnIndex = 0
  static let textColumnIndex = 1

  /// FTS5 numbers the phrases of an expression in the order they are written; this spreads
  /// one weight per unit over its phrases (a unit `a OR b` is two phrases), in the order of
  /// ``anyUnitExpression(for:)`` and ``matchExpression(for:)``, whose exclusions come last.
  public static func phraseWeights(for query: SearchQuery, unitWeights: [Double]) -> [Double] {
    zip(query.units, unitWeights).flatMap { unit, weight in Array(repeating: weight, count: phraseCount(of: unit)) }
  }

  static func phraseCount(of unit: QueryUnit) -> Int {
    switch unit {
    case .phrase: return 1
    case .inTitle(let inner): return phraseCount(of: inner)
    case .either(let options): return options.reduce(0) { $0 + phraseCount(of: $1) }
    }
  }

  static func excluding(_ exclusions: [QueryUnit], from expression: String) -> String {
    guard !exclusions.isEmpty else { return expression }
    return expression + " NOT (" + exclusions.map { self.expression(for: $0) }.joined(separator: " OR ") + ")"
  }

  /// FTS5 column holding paragraph text.
  static let textColumn = "text"

  /// The unit in FTS5 syntax; with `column`, units not already filtered to the title are
  /// looked for in that column only.
  static func expression(for unit: QueryUnit, column: String? = nil) -> String {
    switch unit {
    case .phrase(let tokens, let prefix):
      let phrase = quoted(tokens.joined(separator: " ")) + (prefix ? "*" : "")
      return column.map { "\($0) : " + phrase } ?? phrase
    case .inTitle(let inner):
      // A column filter applies to a phrase; an OR group is filtered member by member.
      if case .either(let options) = inner {
        return "(" + options.map { expression(for: .inTitle($0)) }.joined(separator: " OR ") + ")"
      }
      if case .inTitle(let nested) = inner { return expression(for: .inTitle(nested)) }
      return "\(titleColumn) : " + expression(for: inner)
    case .either(let options):
      return "(" + options.map { expression(for: $0, column: column) }.joined(separator: " OR ") + ")"
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
