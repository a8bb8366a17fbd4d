import NewsModel
import NewsStore

/// Runs a user's query: parse, compile, rank in the store, and cut snippets.
///
/// Ranking policy: passages holding every unit of the query come first; within a tier, FTS5's
/// bm25 over paragraph text and article title, a title match weighing ``defaultTitleWeight``
/// times a text match.
public struct Searcher {
  public static let defaultTitleWeight = 2.0
  /// Grouped (whole-article) results put articles with a passage holding every unit first only
  /// for queries of up to this many units: for a long question, "all words" is rare and bm25
  /// ranks better alone. A passage, not the article: a long article (a table, a digest) holds
  /// two words of a short query in unrelated places far more often than a story about them,
  /// and scattered words used to rank it above stories that miss one word but are about the
  /// rest (Reuters-21578 topics, `Tools/eval/reuters_topics.py`: MAP 0.4542 → 0.4613).
  public static let maximumTieredUnitsForArticles = 4
  public static let defaultTextWeight = 1.0
  /// BM25's k1 and b. Swept on the five test collections of `Tools/eval` (k1 0.9–2.0, b
  /// 0.4–0.75): other values win one collection and lose another (NPL's short abstracts want
  /// k1 0.9 and b 0.4, Cranfield and MEDLINE k1 1.6–2.0), and these have the best mean MAP.
  public static let defaultK1 = 1.2
  public static let defaultB = 0.75

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
    /// Whether to search the spellings typed only (`--exact`).
    ///
    /// Otherwise a name also finds its other spellings in the archive (`QueryExpansion.swift`).
    public var exactSpelling = false
    /// Whether to add the words that stand out in the first results and search again
    /// (`--feedback`; see ``FeedbackExpander``).
    public var feedback = false

    public init(
      limit: Int = 10, offset: Int = 0, since: ArticleDate? = nil, until: ArticleDate? = nil,
      source: String? = nil, groupByArticle: Bool = false, entityIDs: [[Int64]] = [], facetLimit: Int = 0,
      exactSpelling: Bool = false
    ) {
      self.exactSpelling = exactSpelling
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
    /// Names the passage matched in another spelling than the one typed.
    public var variantMatches: [VariantMatch] = []
    /// Whether the passage's text holds every unit of the query, some in another spelling
    /// (`passage.matchesAllTerms` is for the spellings typed: the first tier).
    public var matchesAllTermsInSomeSpelling = false
  }

  public struct Results: Sendable, Equatable {
    public var query: SearchQuery
    public var hits: [Hit]
    /// Passages (articles, when grouped) that matched, over all pages.
    public var totalMatches: Int
    /// The entities most often named in all matching passages.
    public var facets: [EntityFacet]
    /// The other spellings searched for the query's names.
    public var expansions: [SpellingExpansion] = []
    /// "Did you mean", for a query with no or few matches.
    public var suggestion: SpellingSuggestion?
    /// The words pseudo-relevance feedback added (``Options/feedback``), heaviest first.
    public var feedbackWords: [String] = []
    /// Names matched as typed, not by their stem, which another name shares.
    public var namesAsTyped: [NameAsTyped] = []
  }

  /// A name searched as typed ("Hamas"), and the other name its stem would have matched ("Hama").
  public struct NameAsTyped: Sendable, Equatable {
    public var typed: String
    public var otherName: String
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
    try search(parser.parse(text), options: options, typedText: text)
  }

  public func search(_ query: SearchQuery, options: Options = Options()) throws -> Results {
    try search(query, options: options, typedText: nil)
  }

  func search(_ typed: SearchQuery, options: Options, typedText: String?) throws -> Results {
    let stemmer = try TermStemmer()
    // A name whose stem another name shares is matched as typed, and not respelled: the
    // other name's spellings are not its own.
    let collisions = try NameCollisionFinder(reader: reader, stemmer: stemmer).collisions(in: typed)
    var respellable = typed
    respellable.quotedUnits += collisions.map { typed.units[$0.unit] }
    let wordsAsTyped = collisions.map { WordAsTyped(expression: FTS5QueryCompiler.quoted($0.typed), word: $0.folded) }
    let expansion =
      options.exactSpelling
      ? QueryExpander.Outcome(query: typed)
      : try QueryExpander(reader: reader, stemmer: stemmer).expand(respellable, typedText: typedText)
    // Other spellings widen the candidates; the first tier stays "every word as typed", so
    // passages in the typed spelling come first and a rare spelling's high IDF does not lift
    // its passages above them.
    var running = passageQuery(for: expansion.query, tieredBy: typed, options: options, wordsAsTyped: wordsAsTyped)
    var feedbackWords: [String] = []
    if options.feedback {
      let feedback = try self.feedback(on: expansion.query, firstRun: running, stemmer: stemmer)
      running = passageQuery(for: feedback.query, tieredBy: typed, options: options, wordsAsTyped: wordsAsTyped)
      running.phraseWeights = FTS5QueryCompiler.phraseWeights(for: feedback.query, unitWeights: feedback.unitWeights)
      feedbackWords = feedback.addedWords
    }
    let page = try reader.search(running)
    let entities = try reader.entities(inParagraphs: page.hits.map(\.paragraphID))
    let variants = try expansion.recognizer.matches(in: page.hits, stemmer: stemmer)
    let hits = page.hits.enumerated().map { index, passage in
      Hit(
        rank: options.offset + index + 1, passage: passage,
        snippet: snippets.snippet(of: passage.text, matches: passage.matches),
        entities: entities[passage.paragraphID] ?? [], variantMatches: variants[index].matches,
        matchesAllTermsInSomeSpelling: passage.matchesAllTerms || variants[index].holdsEveryUnit)
    }
    var results = Results(query: typed, hits: hits, totalMatches: page.totalMatches, facets: page.facets)
    results.expansions = expansion.expansions
    results.feedbackWords = feedbackWords
    results.namesAsTyped = collisions.map { NameAsTyped(typed: $0.typed, otherName: $0.otherName) }
    // Many partial matches and none with every word (the first tier ranks first, so the first
    // hit would hold them all): a rare word may be mistyped.
    let onlyPartial =
      page.totalMatches > SpellingSuggester.maximumMatches && !options.groupByArticle && typed.units.count > 1
      && hits.first.map { !$0.matchesAllTermsInSomeSpelling } == true
    if page.totalMatches <= SpellingSuggester.maximumMatches || onlyPartial {
      // A respelled query is counted as it would run: with its own spelling variants.
      results.suggestion = try SpellingSuggester(reader: reader, stemmer: stemmer).suggestion(
        for: typed, typedText: typedText, totalMatches: onlyPartial ? 0 : page.totalMatches,
        countsEveryWord: onlyPartial,
        countMatches: { respelled in
          let expander = QueryExpander(reader: reader, stemmer: stemmer)
          let runs = options.exactSpelling ? respelled : try expander.expand(respelled, typedText: nil).query
          return try onlyPartial
            ? countMatchesOfEveryWord(runs, options: options)
            : countMatches(runs, options: options)
        })
    }
    return results
  }

  /// Passages whose text holds every unit of `query` (each in any of its spellings), with the
  /// search's filters.
  func countMatchesOfEveryWord(_ query: SearchQuery, options: Options) throws -> Int {
    guard let every = FTS5QueryCompiler.allUnitsExpression(for: query) else { return 0 }
    var counting = countingQuery(for: query, options: options)
    counting.matchExpression = every
    return try reader.search(counting).totalMatches
  }

  /// Runs `firstRun`'s first page and expands `query` with the words of its results: whole
  /// articles when grouped, passages otherwise.
  func feedback(on query: SearchQuery, firstRun: PassageQuery, stemmer: TermStemmer) throws -> FeedbackExpander.Outcome {
    var first = firstRun
    first.limit = FeedbackExpander.documents
    first.offset = 0
    first.facetLimit = 0
    var documents: [(text: String, score: Double)] = []
    var titled = Set<String>()
    for hit in try reader.search(first).hits {
      if first.groupByArticle, let article = try reader.article(withID: hit.articleID) {
        documents.append((([article.title] + article.paragraphs).joined(separator: "\n"), hit.score))
      } else {
        // A title counts once, with its article's first passage among the results: several
        // passages of one article would otherwise repeat its title's words into the lead.
        let title = titled.insert(hit.articleID).inserted ? hit.title + "\n" : ""
        documents.append((title + hit.text, hit.score))
      }
    }
    return try FeedbackExpander(reader: reader, stemmer: stemmer).expand(query, documents: documents)
  }

  /// How many passages (articles, when grouped) a query matches with the search's filters.
  func countMatches(_ query: SearchQuery, options: Options) throws -> Int {
    try reader.search(countingQuery(for: query, options: options)).totalMatches
  }

  /// `query` run for its count: no tier (the order does not matter), no facets, one row.
  func countingQuery(for query: SearchQuery, options: Options) -> PassageQuery {
    var counting = passageQuery(for: query, tieredBy: query, options: options)
    counting.preferredExpression = nil
    counting.tierUnits = nil
    counting.limit = 1
    counting.offset = 0
    counting.facetLimit = 0
    return counting
  }

  /// `query` selects the passages; `tiers` says which rank first (all its units);
  /// `wordsAsTyped` are matched as typed, not by their stem.
  func passageQuery(
    for query: SearchQuery, tieredBy tiers: SearchQuery, options: Options, wordsAsTyped: [WordAsTyped] = []
  ) -> PassageQuery {
    var passageQuery = PassageQuery(
      matchExpression: FTS5QueryCompiler.matchExpression(for: query),
      since: options.since?.isoString, until: options.until?.isoString, source: options.source,
      limit: options.limit, offset: options.offset, groupByArticle: options.groupByArticle,
      titleWeight: Searcher.defaultTitleWeight, textWeight: Searcher.defaultTextWeight,
      k1: Searcher.defaultK1, b: Searcher.defaultB,
      entityIDs: options.entityIDs, facetLimit: options.facetLimit)
    passageQuery.wordsAsTyped = wordsAsTyped
    if options.groupByArticle {
      passageQuery.anyUnitExpression = FTS5QueryCompiler.anyUnitExpression(for: query)
      passageQuery.exclusionExpression = FTS5QueryCompiler.exclusionExpression(for: query)
      if tiers.units.count <= Searcher.maximumTieredUnitsForArticles {
        passageQuery.preferredExpression = FTS5QueryCompiler.allUnitsExpression(for: tiers)
      }
    } else {
      passageQuery.preferredExpression = FTS5QueryCompiler.allUnitsExpression(for: tiers)
      passageQuery.tierUnits = FTS5QueryCompiler.tierUnits(of: tiers, in: query)
    }
    return passageQuery
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
