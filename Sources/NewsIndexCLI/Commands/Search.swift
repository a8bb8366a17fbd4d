import ArgumentParser
import Foundation
import NewsIngest
import NewsModel
import NewsSearch
import NewsStore

extension NewsIndex {
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the paragraphs that best match a query.",
      discussion: """
        Query syntax: words (stemmed; paragraphs with all of them rank first, but some is
        enough), "exact phrase", a OR b, -word (exclude), prefix*, title:word. A hyphenated
        word (de-escalation) is the phrase of its parts. Anything else is read as plain words.
        A name also finds the other spellings the archive uses (Idlib: Idleb; Deir Ezzor: Deir
        ez-Zor), after the passages in the spelling typed; quoted phrases and prefix* are
        searched as typed, and --exact turns this off. With no or few matches, a "did you
        mean" follows the results when a respelled query finds more.
        """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Maximum number of results to print (1–1000).")
    var limit = 10
    @Option(help: "Skip this many results first (for paging).")
    var offset = 0
    @Option(help: "Only articles dated on or after this day (2019-02-15, Feb 2019, 2019).")
    var since: String?
    @Option(help: "Only articles dated on or before this day.")
    var until: String?
    @Option(help: "Only articles from this source (case-insensitive).")
    var source: String?
    @Flag(help: "One result per article: its best paragraph, and how many others matched.")
    var group = false
    @Option(name: .customLong("entity"), help: "Only paragraphs naming this entity, under any of its names (repeatable).")
    var entityNames: [String] = []
    @Flag(help: "Also print the entities most often named in all matching paragraphs.")
    var facets = false
    @Flag(help: "Print one JSON object per result and line (NDJSON).")
    var json = false
    @Flag(help: "Search the spellings typed only, not the other spellings of names (Idleb for Idlib).")
    var exact = false
    @Flag(help: "Also search the words that stand out in the top 10 results, weighted below the words typed (a second search).")
    var feedback = false

    /// Entities listed by --facets.
    static let facetCount = 10

    @Argument(help: "What to search for (see the query syntax above).")
    var query: [String]

    func validate() throws {
      guard (1...1000).contains(limit) else {
        throw ValidationError("--limit must be between 1 and 1000 (got \(limit))")
      }
      guard offset >= 0 else { throw ValidationError("--offset cannot be negative (got \(offset))") }
      if query.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
        throw ValidationError("give a query, e.g. newsindex search \"Idlib de-escalation\"")
      }
      _ = try dateBounds()
    }

    func dateBounds() throws -> (since: ArticleDate?, until: ArticleDate?) {
      func bound(_ text: String?, option: String, end: DateBound.End) throws -> ArticleDate? {
        guard let text else { return nil }
        guard let date = DateBound.parse(text, end: end) else {
          throw ValidationError(
            "\(option) '\(text)' is not a date; use e.g. 2019-02-15, 'Feb 15, 2019', 2019-02 or 2019")
        }
        return date
      }
      let range = (
        try bound(since, option: "--since", end: .start), try bound(until, option: "--until", end: .end)
      )
      if let from = range.0, let to = range.1, from > to {
        throw ValidationError("--since \(from) is after --until \(to); nothing can match")
      }
      return range
    }

    func run() throws {
      let text = query.joined(separator: " ")
      let bounds = try dateBounds()
      var options = Searcher.Options(
        limit: limit, offset: offset, since: bounds.since, until: bounds.until, source: source,
        groupByArticle: group, facetLimit: facets ? Search.facetCount : 0)
      options.exactSpelling = exact
      options.feedback = feedback
      let results: Searcher.Results
      do {
        let archive = try Archive.openForReading(path: database.path)
        let reader = archive.makeReader()
        for name in entityNames {
          options.entityIDs.append(try EntityResolver.resolve(name, with: reader).map(\.id))
        }
        if !exact, try !reader.hasSpellingVocabulary() {
          printError(
            "this index predates spelling variants, so only the spellings typed are searched; "
              + "run 'newsindex check --db \(database.path)' once to add them")
        }
        results = try Searcher(reader: reader).search(text, options: options)
      } catch let error as QueryError {
        printError(error.description)
        throw ExitStatus.usage
      } catch let error as StoreError {
        throw fail(error, verbose: database.verbose)
      }
      if json {
        let writer = JSONResultWriter()
        for hit in results.hits { print(writer.line(for: hit, grouped: group)) }
        if facets { print(writer.facetsLine(results.facets)) }
        if feedback { print(writer.feedbackLine(results.feedbackWords)) }
        if !results.namesAsTyped.isEmpty { print(writer.namesAsTypedLine(results.namesAsTyped)) }
        if let suggestion = results.suggestion { print(writer.suggestionLine(suggestion)) }
      } else {
        print(
          ResultFormatter(color: Terminal.usesColor, width: Terminal.width)
            .format(results, options: options, query: text), terminator: "")
      }
    }
  }
}

/// Reads `--since` / `--until`: a full date, or a year or month meaning its first or last day.
enum DateBound {
  enum End { case start, end }

  static func parse(_ text: String, end: End) -> ArticleDate? {
    if let date = DateParser.parse(text) { return date }
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
    if parts.count == 1, parts[0].count == 4, let year = Int(parts[0]) {
      return end == .start
        ? ArticleDate(year: year, month: 1, day: 1) : ArticleDate(year: year, month: 12, day: 31)
    }
    if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]) {
      return monthBound(year: year, month: month, end: end)
    }
    // "Feb 2019" / "February 2019"
    let words = text.split(separator: " ").map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
    if words.count == 2, let month = DateParser.months[words[0]], let year = Int(words[1]), words[1].count == 4 {
      return monthBound(year: year, month: month, end: end)
    }
    return nil
  }

  private static func monthBound(year: Int, month: Int, end: End) -> ArticleDate? {
    guard end == .end else { return ArticleDate(year: year, month: month, day: 1) }
    for day in stride(from: 31, through: 28, by: -1) {
      if let date = ArticleDate(year: year, month: month, day: day) { return date }
    }
    return nil
  }
}
