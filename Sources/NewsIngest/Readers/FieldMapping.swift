/// Which field of a JSON Lines or CSV record holds which part of an article.
///
/// Each part has a list of common names, tried in order and compared case-insensitively;
/// an override (from `--text-field` and friends) replaces the list with one name.
public struct FieldMapping: Sendable, Equatable {
  public enum Part: String, Sendable, CaseIterable {
    case id, title, text, date, source, url
  }

  public static let defaultNames: [Part: [String]] = [
    .id: ["id", "unit_id", "guid", "article_id", "doc_id", "uuid"],
    .title: ["title", "headline", "article_title", "name"],
    .text: ["text", "body", "content", "article_content", "article_text", "full_text", "story"],
    .date: ["date", "published", "published_at", "publish_date", "pubdate", "datetime", "timestamp"],
    .source: ["source", "outlet", "publisher", "site", "source_name", "feed"],
    .url: ["url", "link", "source_url", "permalink"],
  ]

  public private(set) var names: [Part: [String]]

  public init(overrides: [Part: String] = [:]) {
    var names = FieldMapping.defaultNames
    for (part, name) in overrides { names[part] = [name.lowercased()] }
    self.names = names
  }

  /// True when the user named this part's field explicitly.
  public func isOverridden(_ part: Part) -> Bool {
    names[part] != FieldMapping.defaultNames[part]
  }

  /// The index of the first header column that names `part`, comparing case-insensitively.
  public func column(of part: Part, in header: [String]) -> Int? {
    let lowered = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    for name in names[part] ?? [] {
      if let index = lowered.firstIndex(of: name) { return index }
    }
    return nil
  }

  /// The key of `object` that names `part`, comparing case-insensitively.
  public func key(of part: Part, in keys: some Collection<String>) -> String? {
    for name in names[part] ?? [] {
      if let key = keys.first(where: { $0.lowercased() == name }) { return key }
    }
    return nil
  }

  /// The names tried for `part`, for messages ("looked for text, body, content").
  public func describe(_ part: Part) -> String {
    (names[part] ?? []).joined(separator: ", ")
  }
}
