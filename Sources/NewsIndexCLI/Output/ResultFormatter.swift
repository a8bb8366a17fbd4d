import Foundation
import NewsSearch
import NewsStore

/// Search results for a person at a terminal: rank, title, date, source, article id and
/// paragraph number, then the paragraph (or a snippet of a long one) with matches marked.
struct ResultFormatter {
  /// Paragraphs up to this many words are printed whole; longer ones as a snippet this long.
  static let displayedWords = 60
  static let indent = "   "

  let color: Bool
  let width: Int

  /// Bold yellow on a terminal; square brackets when piped or with NO_COLOR.
  var matchOpen: String { color ? "\u{1B}[1;33m" : "[" }
  var matchClose: String { color ? "\u{1B}[0m" : "]" }
  func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

  func format(_ results: Searcher.Results, options: Searcher.Options, query: String) -> String {
    let unit = options.groupByArticle ? "article" : "paragraph"
    guard !results.hits.isEmpty else {
      if results.totalMatches > 0 {
        return "no results past \(options.offset): '\(query)' matched \(results.totalMatches) \(unit)s\n"
      }
      return "no \(unit) matches '\(query)'\n" + alsoSearched(results) + suggestion(results, unit: unit)
    }
    let first = results.hits[0].rank
    let last = results.hits[results.hits.count - 1].rank
    var output = dim(
      "\(first)–\(last) of \(results.totalMatches) \(unit)\(results.totalMatches == 1 ? "" : "s") matching '\(query)'"
    ) + "\n"
    output += alsoSearched(results)
    if !results.query.droppedStopwords.isEmpty {
      output += dim("(common words left out: \(results.query.droppedStopwords.joined(separator: ", ")))") + "\n"
    }
    let snippets = SnippetBuilder(windowWords: ResultFormatter.displayedWords)
    for hit in results.hits {
      let passage = hit.passage
      output += "\n" + bold("\(hit.rank). \(passage.title)") + "\n"
      var facts: [String] = []
      facts.append(passage.date ?? "undated")
      if let source = passage.source { facts.append(source) }
      facts.append("\(passage.articleID) ¶\(passage.position)")
      if !hit.variantMatches.isEmpty {
        facts.append("matched " + hit.variantMatches.map { "\($0.matched) for \($0.typed)" }.joined(separator: ", "))
      }
      if !passage.matchesAllTerms && !hit.matchesAllTermsInSomeSpelling { facts.append("partial match") }
      if options.groupByArticle && passage.otherMatchesInArticle > 0 {
        let others = passage.otherMatchesInArticle
        facts.append("+\(others) more paragraph\(others == 1 ? "" : "s")")
      }
      output += ResultFormatter.indent + dim(facts.joined(separator: " · ")) + "\n"
      let shown = snippets.snippet(
        of: passage.text, matches: Searcher.mergingAdjacent(passage.matches, in: passage.text))
      output += wrap(shown.text, matches: shown.matches) + "\n"
      if !hit.entities.isEmpty {
        var seen = Set<String>()
        let names = hit.entities.map(\.name).filter { seen.insert($0).inserted }
        output += ResultFormatter.indent + dim("named: " + names.joined(separator: " · ")) + "\n"
      }
    }
    if !results.facets.isEmpty {
      output += "\n" + bold("most named in all \(results.totalMatches) matches:") + "\n"
      for facet in results.facets {
        output += ResultFormatter.indent + "\(facet.name) (\(facet.type.rawValue)) \(facet.paragraphs)\n"
      }
    }
    if results.suggestion != nil { output += "\n" + suggestion(results, unit: unit) }
    return output
  }

  /// `also searched: Idleb, Edlib (spellings of Idlib)`, when names were respelled,
  /// `also searched, from the top results: …` with `--feedback`, and `matched as typed: …`
  /// for a name whose stem another name shares.
  func alsoSearched(_ results: Searcher.Results) -> String {
    var output = ""
    if !results.namesAsTyped.isEmpty {
      let parts = results.namesAsTyped.map { "\($0.typed) (not \($0.otherName), which has the same stem)" }
      output += dim("matched as typed: " + parts.joined(separator: "; ")) + "\n"
    }
    if !results.expansions.isEmpty {
      let parts = results.expansions.map {
        "\($0.spellings.joined(separator: ", ")) (spellings of \($0.typed))"
      }
      output += dim("also searched: " + parts.joined(separator: "; ")) + "\n"
    }
    if !results.feedbackWords.isEmpty {
      output += dim("also searched, from the top results: " + results.feedbackWords.joined(separator: ", ")) + "\n"
    }
    return output
  }

  /// `did you mean: "Idlib"? (24 paragraphs)`, when a respelled query finds more;
  /// `(3 paragraphs with every word)` when the query as typed matched only in part.
  func suggestion(_ results: Searcher.Results, unit: String) -> String {
    guard let suggestion = results.suggestion else { return "" }
    let text = suggestion.text ?? suggestion.replacements.map(\.suggested).joined(separator: " ")
    let count = suggestion.totalMatches
    let every = suggestion.countsEveryWord ? " with every word" : ""
    return "did you mean: \"\(text)\"? (\(count) \(unit)\(count == 1 ? "" : "s")\(every))\n"
  }

  /// Wraps `text` at word boundaries to the width, indented, with the matches marked.
  func wrap(_ text: String, matches: [Range<Int>]) -> String {
    let scalars = Array(text.unicodeScalars)
    let available = max(20, width - ResultFormatter.indent.count)
    // Line breaks are chosen on the plain text, so escape codes never count as width.
    var breaks = Set<Int>()
    var lineStart = 0
    var lastSpace: Int?
    for (index, scalar) in scalars.enumerated() {
      if scalar == " " { lastSpace = index }
      if index - lineStart >= available, let space = lastSpace, space > lineStart {
        breaks.insert(space)
        lineStart = space + 1
        lastSpace = nil
      }
    }
    let starts = Set(matches.map(\.lowerBound))
    let ends = Set(matches.map(\.upperBound))
    var output = ResultFormatter.indent
    var inMatch = false
    for (index, scalar) in scalars.enumerated() {
      if ends.contains(index) && inMatch {
        output += matchClose
        inMatch = false
      }
      if starts.contains(index) && !inMatch {
        output += matchOpen
        inMatch = true
      }
      if breaks.contains(index) {
        output += "\n" + ResultFormatter.indent
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    if inMatch { output += matchClose }
    return output
  }
}
