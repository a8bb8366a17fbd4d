import Foundation
import NewsModel
import NewsSearch

/// One line of the query file: a class, the query text, and its `newsindex search` options.
///
/// Tab-separated (`entity<TAB>citizens<TAB>--entity<TAB>Aleppo`), as `Tools/bench/bench.py`
/// writes it. Options are the CLI's, one column each, so a name with spaces needs no quoting.
struct BenchQuery {
  var queryClass: String
  var text: String
  /// Options as written, for the report (`--entity Aleppo`).
  var options: [String]
  var searchOptions: Searcher.Options
  /// `--entity` names, resolved on every run as the CLI does (it is part of answering).
  var entityNames: [String]
  /// Where it was read, for messages (`queries.tsv:12`).
  var location: String

  var display: String { ([text] + options.map { $0.contains(" ") ? "'\($0)'" : $0 }).joined(separator: " ") }

  /// Reads the whole file; blank lines and lines starting with `#` are skipped.
  static func load(path: String, limit: Int) throws(BenchError) -> [BenchQuery] {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
    var queries: [BenchQuery] = []
    for (index, line) in String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() {
      var columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      // Trailing tabs (a spreadsheet's export) are not options.
      while columns.count > 2, columns.last?.isEmpty == true { columns.removeLast() }
      guard let first = columns.first, !first.trimmingCharacters(in: .whitespaces).isEmpty,
        !first.hasPrefix("#")
      else {
        continue
      }
      let location = "\(path):\(index + 1)"
      guard columns.count >= 2, !columns[1].isEmpty else {
        throw .badLine(location: location, reason: "needs a class and a query, tab-separated")
      }
      queries.append(try BenchQuery(columns: columns, location: location, limit: limit))
    }
    guard !queries.isEmpty else { throw .badLine(location: path, reason: "holds no query") }
    return queries
  }

  init(columns: [String], location: String, limit: Int) throws(BenchError) {
    queryClass = columns[0]
    text = columns[1]
    options = Array(columns.dropFirst(2))
    self.location = location
    entityNames = []
    searchOptions = Searcher.Options()
    searchOptions.limit = limit
    var index = 0
    func value(_ name: String) throws(BenchError) -> String {
      index += 1
      guard index < options.count else { throw .badLine(location: location, reason: "\(name) needs a value") }
      return options[index]
    }
    func number(_ name: String) throws(BenchError) -> Int {
      let text = try value(name)
      guard let number = Int(text), number >= 0 else {
        throw .badLine(location: location, reason: "\(name) '\(text)' is not a number")
      }
      return number
    }
    while index < options.count {
      let name = options[index]
      switch name {
      case "--entity": entityNames.append(try value(name))
      case "--since":
        searchOptions.since = try BenchQuery.date(try value(name), option: name, location: location)
      case "--until":
        searchOptions.until = try BenchQuery.date(try value(name), option: name, location: location)
      case "--source": searchOptions.source = try value(name)
      case "--limit": searchOptions.limit = try number(name)
      case "--offset": searchOptions.offset = try number(name)
      case "--group": searchOptions.groupByArticle = true
      case "--facets": searchOptions.facetLimit = 10
      case "--json": break
      default: throw .badLine(location: location, reason: "unknown option '\(name)'")
      }
      index += 1
    }
  }

  /// `YYYY-MM-DD` only: the benchmark writes full dates (the CLI's friendlier forms live in
  /// the CLI target, which a tool cannot import).
  static func date(_ text: String, option: String, location: String) throws(BenchError) -> ArticleDate {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let date = ArticleDate(year: parts[0], month: parts[1], day: parts[2]) else {
      throw .badLine(location: location, reason: "\(option) '\(text)' is not a YYYY-MM-DD date")
    }
    return date
  }
}
