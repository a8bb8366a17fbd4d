import NewsModel

/// A search as the store runs it: FTS5 expressions already compiled, filters already parsed.
///
/// The search module decides what a user's words mean; this type carries the decision.
public struct PassageQuery: Sendable, Equatable {
  /// FTS5 MATCH expression that selects candidate passages.
  public var matchExpression: String
  /// Passages that also match this expression rank before all others; in grouped search,
  /// articles with such a passage (nil: no such tier).
  public var preferredExpression: String?
  /// Passage search: the same tier, read off each row's own phrases by `newstier` (its
  /// `units` argument) instead of a second MATCH; used in place of `preferredExpression` when set.
  public var tierUnits: String?
  /// Grouped search: the match expression without its exclusions; articles with a passage
  /// matching `exclusionExpression` are left out whole.
  public var anyUnitExpression: String?
  public var exclusionExpression: String?
  /// Inclusive bounds on the article date, as `YYYY-MM-DD`.
  public var since: String?
  public var until: String?
  /// Keeps articles whose source equals this, ignoring case.
  public var source: String?
  public var limit: Int
  public var offset: Int
  /// One passage per article: its best, with a count of the others that matched.
  public var groupByArticle: Bool
  /// BM25 weights of the title and text columns.
  public var titleWeight: Double
  public var textWeight: Double
  /// BM25's term-frequency saturation and length normalisation (see `RankingFunction`).
  public var k1: Double
  public var b: Double
  /// How much each phrase of the match expression weighs in the score, in the order the
  /// phrases appear in the expression (grouped search: in `anyUnitExpression`); phrases past
  /// the end of the list weigh 1. Empty: every phrase weighs 1. Pseudo-relevance feedback
  /// weighs the words it adds below the words typed.
  public var phraseWeights: [Double] = []
  /// Keeps passages that mention, for every group, at least one entity of the group (row ids;
  /// a group holds the entities one typed name stands for).
  public var entityIDs: [[Int64]]
  /// How many of the entities most often named in all matching passages to return (0: none).
  public var facetLimit: Int
  /// Words to match as typed, not by their stem: a passage that matches `expression` counts
  /// only when its text or title holds `word` (see `WholeWordFunction`).
  public var wordsAsTyped: [WordAsTyped] = []

  public init(
    matchExpression: String, preferredExpression: String? = nil, since: String? = nil,
    until: String? = nil, source: String? = nil, limit: Int = 10, offset: Int = 0,
    groupByArticle: Bool = false, titleWeight: Double = 2.0, textWeight: Double = 1.0,
    k1: Double = 1.2, b: Double = 0.75, entityIDs: [[Int64]] = [], facetLimit: Int = 0
  ) {
    self.k1 = k1
    self.b = b
    self.entityIDs = entityIDs
    self.facetLimit = facetLimit
    self.matchExpression = matchExpression
    self.preferredExpression = preferredExpression
    self.since = since
    self.until = until
    self.source = source
    self.limit = limit
    self.offset = offset
    self.groupByArticle = groupByArticle
    self.titleWeight = titleWeight
    self.textWeight = textWeight
  }
}

/// A word to match as typed, not by its stem: a name whose stem another name shares ("Hamas",
/// whose stem is that of "Hama").
public struct WordAsTyped: Sendable, Equatable {
  /// The FTS5 phrase of the word, which matches every word of its stem.
  public var expression: String
  /// The word as typed, folded as `NameKey` folds it.
  public var word: String

  public init(expression: String, word: String) {
    self.expression = expression
    self.word = word
  }
}

/// One ranked passage with its article's fields.
public struct PassageHit: Sendable, Equatable {
  public var paragraphID: Int64
  public var articleID: String
  public var sourceID: String?
  public var title: String
  public var date: String?
  public var source: String?
  public var location: String
  public var url: String?
  /// 0-based position of the passage in its article.
  public var position: Int
  public var text: String
  /// bm25 score, higher is better (FTS5's sign flipped).
  public var score: Double
  /// True when the passage matched the preferred expression (all of the query's words).
  public var matchesAllTerms: Bool
  /// Matched stretches of `text`, as Unicode code-point offsets, half-open.
  public var matches: [Range<Int>]
  /// With grouping: how many more passages of the same article matched.
  public var otherMatchesInArticle: Int
}

/// A page of results and how many passages (or articles, when grouped) matched in all.
public struct PassagePage: Sendable, Equatable {
  public var hits: [PassageHit]
  public var totalMatches: Int
  /// The entities most often named in all matching passages, not just this page.
  public var facets: [EntityFacet] = []
}

/// An entity and how many matching passages name it.
public struct EntityFacet: Sendable, Equatable {
  public var name: String
  public var type: EntityType
  public var paragraphs: Int
}
