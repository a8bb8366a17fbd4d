/// A news article as it leaves the ingest stage: cleaned, split into passages and ready to store.
///
/// An article is the unit a user re-indexes; its passages are the unit search returns.
public struct Article: Sendable, Equatable {
  /// Stable identifier: the input's own id when it has one, else a hash of the content.
  public var id: String
  /// The id exactly as the input gave it (nil when the input had none).
  public var sourceID: String?
  public var title: String
  /// Publication date, when one could be read from the input.
  public var date: ArticleDate?
  /// Outlet or feed name, as given.
  public var source: String?
  /// Where the article came from: a file path (with `:line` for records inside a file) or a URL.
  public var location: String
  /// The URL given by the input, if any.
  public var url: String?
  /// Passages in reading order; each is a paragraph, or a few sentences of a long one.
  public var passages: [String]
  /// True when the article is a whole file at `location`: a new version of that file
  /// replaces this article even though its content hash (and so its id) changed.
  public var ownsLocation: Bool
  /// Named entities found in the passages, linked to canonical names.
  public var mentions: [EntityMention] = []
  /// Names the article taught: acronym definitions and other spellings of its entities.
  public var aliases: [EntityAlias] = []

  public init(
    id: String, sourceID: String?, title: String, date: ArticleDate?, source: String?,
    location: String, url: String?, passages: [String], ownsLocation: Bool = false
  ) {
    self.ownsLocation = ownsLocation
    self.id = id
    self.sourceID = sourceID
    self.title = title
    self.date = date
    self.source = source
    self.location = location
    self.url = url
    self.passages = passages
  }

  /// A 64-bit FNV-1a hash of everything a reader sees, to tell a changed article from an unchanged one.
  public var contentHash: String {
    var hash = ContentHash()
    hash.add(title)
    hash.add(date?.isoString ?? "")
    hash.add(source ?? "")
    hash.add(url ?? "")
    for passage in passages { hash.add(passage) }
    return hash.hexDigest
  }
}
