import Foundation
import NewsSearch
import NewsStore

/// One JSON object per search result (NDJSON), keys in a fixed order. Field names are a
/// contract: scripts and our own evaluation read them.
struct JSONResultWriter {
  func line(for hit: Searcher.Hit, grouped: Bool) -> String {
    let passage = hit.passage
    var object = JSONObjectWriter()
    object.add("rank", .number(Double(hit.rank)))
    object.add("score", .number((passage.score * 10_000).rounded() / 10_000))
    object.add("article_id", .string(passage.articleID))
    object.add("source_id", passage.sourceID.map(JSONValue.string) ?? .null)
    object.add("title", .string(passage.title))
    object.add("date", passage.date.map(JSONValue.string) ?? .null)
    object.add("source", passage.source.map(JSONValue.string) ?? .null)
    object.add("path", .string(passage.location))
    object.add("url", passage.url.map(JSONValue.string) ?? .null)
    object.add("paragraph", .number(Double(passage.position)))
    object.add("text", .string(passage.text))
    object.add(
      "matches",
      .array(passage.matches.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) }))
    object.add("snippet", .string(hit.snippet.text))
    object.add("matched_all_terms", .bool(passage.matchesAllTerms))
    object.add(
      "variants_matched",
      .array(
        hit.variantMatches.map {
          var variant = JSONObjectWriter()
          variant.add("query", .string($0.typed))
          variant.add("matched", .string($0.matched))
          return .raw(variant.finish())
        }))
    object.add(
      "entities",
      .array(
        hit.entities.map {
          var entity = JSONObjectWriter()
          entity.add("name", .string($0.name))
          entity.add("type", .string($0.type.rawValue))
          entity.add("start", .number(Double($0.start)))
          entity.add("end", .number(Double($0.end)))
          return .raw(entity.finish())
        }))
    if grouped { object.add("more_paragraphs_matched", .number(Double(passage.otherMatchesInArticle))) }
    return object.finish()
  }

  /// With `--feedback`, the words added from the top results, after the results:
  /// `{"feedback_words": ["reactor", "cooling"]}`. It has no `rank` either.
  func feedbackLine(_ words: [String]) -> String {
    var object = JSONObjectWriter()
    object.add("feedback_words", .array(words.map(JSONValue.string)))
    return object.finish()
  }

  /// Names matched as typed, not by the stem another name shares, after the results:
  /// `{"matched_as_typed": [{"typed": "Hamas", "not": "Hama"}]}`. It has no `rank` either.
  func namesAsTypedLine(_ names: [Searcher.NameAsTyped]) -> String {
    var object = JSONObjectWriter()
    object.add("matched_as_typed", JSONResultWriter.stringObjects(names.map { [("typed", $0.typed), ("not", $0.otherName)] }))
    return object.finish()
  }

  /// The "did you mean" line, printed last.
  ///
  /// `{"did_you_mean": "Idlib", "matches": 24, "replacements": [{"typed": "Idlip",
  /// "suggested": "Idlib"}]}`. It has no `rank`, so a reader of results can tell it apart.
  /// When the query as typed matched only in part, `"matches_counted": "every word"` says
  /// that `matches` counts the passages holding every suggested word.
  func suggestionLine(_ suggestion: SpellingSuggestion) -> String {
    var object = JSONObjectWriter()
    let text = suggestion.text ?? suggestion.replacements.map(\.suggested).joined(separator: " ")
    object.add("did_you_mean", .string(text))
    object.add("matches", .number(Double(suggestion.totalMatches)))
    if suggestion.countsEveryWord { object.add("matches_counted", .string("every word")) }
    object.add(
      "replacements",
      JSONResultWriter.stringObjects(suggestion.replacements.map { [("typed", $0.typed), ("suggested", $0.suggested)] }))
    return object.finish()
  }

  /// An array of objects whose values are strings, each object's keys in the order given.
  static func stringObjects(_ objects: [[(key: String, value: String)]]) -> JSONValue {
    .array(
      objects.map { pairs in
        var object = JSONObjectWriter()
        for (key, value) in pairs { object.add(key, .string(value)) }
        return .raw(object.finish())
      })
  }

  /// The `--facets` line, after the results: `{"facets": [{"name", "type", "paragraphs"}]}`.
  func facetsLine(_ facets: [EntityFacet]) -> String {
    var object = JSONObjectWriter()
    object.add(
      "facets",
      .array(
        facets.map {
          var facet = JSONObjectWriter()
          facet.add("name", .string($0.name))
          facet.add("type", .string($0.type.rawValue))
          facet.add("paragraphs", .number(Double($0.paragraphs)))
          return .raw(facet.finish())
        }))
    return object.finish()
  }
}

/// A JSON value, written by hand so that object keys keep their order.
indirect enum JSONValue {
  case string(String)
  case number(Double)
  case bool(Bool)
  case null
  case array([JSONValue])
  /// Already-written JSON (a nested object).
  case raw(String)

  func write(into output: inout String) {
    switch self {
    case .string(let text): JSONValue.writeString(text, into: &output)
    case .number(let value):
      if value == value.rounded(), abs(value) < 1e15 {
        output += String(Int64(value))
      } else {
        output += "\(value)"
      }
    case .bool(let value): output += value ? "true" : "false"
    case .null: output += "null"
    case .raw(let json): output += json
    case .array(let values):
      output += "["
      for (index, value) in values.enumerated() {
        if index > 0 { output += "," }
        value.write(into: &output)
      }
      output += "]"
    }
  }

  static func writeString(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}

/// Builds one JSON object, keys in insertion order.
struct JSONObjectWriter {
  private(set) var text = "{"

  mutating func add(_ key: String, _ value: JSONValue) {
    if text.utf8.count > 1 { text += "," }
    JSONValue.writeString(key, into: &text)
    text += ":"
    value.write(into: &text)
  }

  mutating func finish() -> String { text + "}" }
}
