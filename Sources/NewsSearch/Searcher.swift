import NewsModel
import NewsStore

/// Runs a user's query: parse, compile, rank in the store, and cut snippets.
///
/// Ranking policy: passages holding every unit of the query come first; within a tier, FTS5's
/// bm25 over paragraph text and article title, a title match weighing ``defaultTitleWeight``
/// times a text match.
public struct Searcher {
  public static let defaultTitleWeight = 2.0
  /// Grouped (whole-article) results put articles holding every unit first only for queries of
  /// up to this many units: for a long question, "all words" is rare and bm25 ranks better alone.
  public static let maximumTieredUnitsForArticles = 4
  public static let defaultTextWeight = 1.0

  public struct Options: Sendable, Equatable {
    public var limit = 10
    public var offset = 0
    public var since: ArticleDate?
    public var until: ArticleDate?
    public var source: String?
    public var groupByArticle = false
    /// Keeps passages mentioning, for each group, one of its entities (ids from `lookUpEntity`).
    public var entityIDs: [[Int64]] = []
    /// How many top entities over all matches to return (0: none).
    public var facetLimit = 0

    public init(
      limit: Int = 10, offset: Int = 0, since: ArticleDate? = nil, until: ArticleDate? = nil,
      source: String? = nil, groupByArticle: Bool = false, entityIDs: [[Int64]] = [], facetLimit: Int = 0
    ) {
      self.entityIDs = entityIDs
      self.facetLimit = facetLimit
      self.limit = limit
      self.offset = offset
      self.since = since
      self.until = until
      self.source = source
      self.groupByArticle = groupByArticle
    }
  }

  public struct Hit: Sendable, Equatable {
    public var rank: Int
    public var passage: PassageHit
    public var snippet: SnippetBuilder.Snippet
    /// The named entities in the passage, in text order.
    public var entities: [PassageEntity]
  }

  public struct Results: Sendable, Equatable {
    public var query: SearchQuery
    public var hits: [Hit]
    /// Passages (articles, when grouped) that matched, over all pages.
    public var totalMatches: Int
    /// The entities most often named in all matching passages.
    public var facets: [EntityFacet]
  }

  let reader: ArchiveReader
  let parser = QueryParser()
  let snippets = SnippetBuilder()

  public init(reader: ArchiveReader) {
    self.reader = reader
  }

  /// Parses `text` and runs it. Throws ``QueryError`` for a query that means nothing, and
  /// `StoreError` when the index cannot be read.
  public func search(_ text: String, options: Options = Options()) throws -> Results {
    try search(parser.parse(text), options: options)
  }

  public func search(_ query: SearchQuery, options: Options = Options()) throws -> Results {
    let passageQuery = PassageQuery(
      matchExpression: FTS5QueryCompiler.matchExpression(for: query),
      preferredExpression: options.groupByArticle && query.units.count > Searcher.maximumTieredUnitsForArticles
        ? nil : FTS5QueryCompiler.allUnitsExpression(for: query),
      since: options.since?.isoString, until: options.until?.isoString, source: options.source,
      limit: options.limit, offset: options.offset, groupByArticle: options.groupByArticle,
      titleWeight: Searcher.defaultTitleWeight, textWeight: Searcher.defaultTextWeight,
      entityIDs: options.entityIDs, facetLimit: options.facetLimit)
    let page = try reader.search(passageQuery)
    let entities = try reader.entities(inParagraphs: page.hits.map(\.paragraphID))
    let hits = page.hits.enumerated().map { index, passage in
      Hit(
        rank: options.offset + index + 1, passage: passage,
        snippet: snippets.snippet(of: passage.text, matches: passage.matches),
        entities: entities[passage.paragraphID] ?? [])
    }
    return Results(query: query, hits: hits, totalMatches: page.totalMatches, facets: page.facets)
  }

  /// Joins matches separated only by a space or punctuation ("Idlib" + "de-escalation"
  /// → "Idlib de-escalation"), so that a phrase reads as one highlight on screen. JSON output
  /// keeps FTS5's ranges, one per matched word or phrase.
  public static func mergingAdjacent(_ matches: [Range<Int>], in text: String) -> [Range<Int>] {
    guard matches.count > 1 else { return matches }
    let scalars = Array(text.unicodeScalars)
    var merged: [Range<Int>] = [matches[0]]
    for match in matches.dropFirst() {
      let previous = merged[merged.count - 1]
      let gap = previous.upperBound..<max(previous.upperBound, match.lowerBound)
      let joinable =
        gap.count <= 2 && gap.upperBound <= scalars.count
        && scalars[gap].allSatisfy { !Tokenizer.isTokenScalar($0) }
      if joinable {
        merged[merged.count - 1] = previous.lowerBound..<match.upperBound
      } else {
        merged.append(match)
      }
    }
    return merged
  }
}
