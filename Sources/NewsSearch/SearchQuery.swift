/// What a user's query means, before it becomes FTS5 syntax.
///
/// Parsing (``QueryParser``) and compiling (``FTS5QueryCompiler``) are separate so that each
/// can be tested alone, and so that no user text ever reaches FTS5 unquoted.
public struct SearchQuery: Sendable, Equatable {
  /// Things to find. Passages matching all of them rank first; a passage matching only some
  /// still counts.
  public var units: [QueryUnit]
  /// Things a passage must not contain.
  public var exclusions: [QueryUnit]
  /// Words left out because they are too common to mean anything ("the", "what").
  public var droppedStopwords: [String]
  /// Units typed in quotes: searched as typed, never respelled (see `QueryExpander`).
  public var quotedUnits: [QueryUnit]

  public init(
    units: [QueryUnit], exclusions: [QueryUnit] = [], droppedStopwords: [String] = [],
    quotedUnits: [QueryUnit] = []
  ) {
    self.units = units
    self.exclusions = exclusions
    self.droppedStopwords = droppedStopwords
    self.quotedUnits = quotedUnits
  }
}

/// One searchable unit of a query.
public indirect enum QueryUnit: Sendable, Equatable {
  /// Tokens in a row. A plain word is a one-token phrase; "de-escalation" is ["de", "escalation"].
  /// With `prefix`, the last token matches any word it begins.
  case phrase([String], prefix: Bool)
  /// The unit, looked for in article titles only (`title:word`).
  case inTitle(QueryUnit)
  /// Any of the units (`a OR b`).
  case either([QueryUnit])

  /// A plain single word.
  public static func word(_ token: String) -> QueryUnit { .phrase([token], prefix: false) }
}

/// Why a query cannot be run, worded for the person who typed it.
public enum QueryError: Error, Equatable, CustomStringConvertible {
  case noSearchableWords(query: String)
  case onlyExclusions

  public var description: String {
    switch self {
    case .noSearchableWords(let query):
      let shown = query.count > 40 ? String(query.prefix(40)) + "…" : query
      return
        "the query '\(shown)' has no words to search for (only punctuation, symbols or operators); type at least one word"
    case .onlyExclusions:
      return
        "the query only excludes words (-word); add at least one word to search for"
    }
  }
}
