import NewsModel

/// An entity with its counts, for `newsindex entities` and the entity card.
public struct EntitySummary: Sendable, Equatable {
  public var id: Int64
  public var name: String
  public var type: EntityType
  public var mentions: Int
  public var articles: Int
  public var firstDate: String?
  public var lastDate: String?
}

/// Everything `newsindex entity NAME` shows.
public struct EntityCard: Sendable, Equatable {
  public var summary: EntitySummary
  /// Other names seen or defined for it.
  public var aliases: [String]
  /// Entities named in the same paragraphs, with how many paragraphs they share.
  public var cooccurring: [(entity: EntitySummary, paragraphs: Int)]
  /// Mentions per month, `YYYY-MM`, oldest first (undated articles left out).
  public var months: [(month: String, mentions: Int)]
  /// A few paragraphs that mention it, newest first.
  public var examples: [PassageHit]

  public static func == (lhs: EntityCard, rhs: EntityCard) -> Bool {
    lhs.summary == rhs.summary && lhs.aliases == rhs.aliases
      && lhs.cooccurring.map(\.entity) == rhs.cooccurring.map(\.entity)
      && lhs.cooccurring.map(\.paragraphs) == rhs.cooccurring.map(\.paragraphs)
      && lhs.months.map(\.month) == rhs.months.map(\.month)
      && lhs.months.map(\.mentions) == rhs.months.map(\.mentions) && lhs.examples == rhs.examples
  }
}

/// An entity in a passage, for search results: canonical name, code-point offsets in the text.
public struct PassageEntity: Sendable, Equatable {
  public var name: String
  public var type: EntityType
  public var start: Int
  public var end: Int
}

/// How a name typed by a user resolves.
public enum EntityLookup: Sendable, Equatable {
  case found(EntitySummary)
  /// Several entities answer to the name; most mentioned first.
  case ambiguous([EntitySummary])
  case notFound
}
