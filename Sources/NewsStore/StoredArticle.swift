/// An article as the index holds it, for `newsindex show`.
public struct StoredArticle: Sendable, Equatable {
  public var id: String
  public var sourceID: String?
  public var title: String
  public var date: String?
  public var source: String?
  public var location: String
  public var url: String?
  public var paragraphs: [String]
}

/// Counts and sizes, for `newsindex stats`.
public struct ArchiveStatistics: Sendable, Equatable {
  public var articles: Int
  public var paragraphs: Int
  public var datedArticles: Int
  public var firstDate: String?
  public var lastDate: String?
  public var topSources: [(name: String, articles: Int)]
  /// UTF-8 bytes of all paragraph text.
  public var textBytes: Int
  /// Bytes of the FTS5 inverted indexes (their `_data` blocks): paragraphs, articles, entities.
  public var indexBytes: Int
  /// Size of the database file (pages in use × page size).
  public var fileBytes: Int

  public static func == (lhs: ArchiveStatistics, rhs: ArchiveStatistics) -> Bool {
    lhs.articles == rhs.articles && lhs.paragraphs == rhs.paragraphs
      && lhs.datedArticles == rhs.datedArticles && lhs.firstDate == rhs.firstDate
      && lhs.lastDate == rhs.lastDate && lhs.textBytes == rhs.textBytes
      && lhs.indexBytes == rhs.indexBytes && lhs.fileBytes == rhs.fileBytes
      && lhs.topSources.map(\.name) == rhs.topSources.map(\.name)
      && lhs.topSources.map(\.articles) == rhs.topSources.map(\.articles)
  }
}
