/// What kind of thing a named entity is (CoNLL's PER, ORG, LOC and MISC).
public enum EntityType: String, Sendable, CaseIterable, Codable, Comparable {
  case person, organization, place, other

  public static func < (lhs: EntityType, rhs: EntityType) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// A named entity found in a passage, already linked to its canonical name.
public struct EntityMention: Sendable, Equatable, Hashable {
  /// Index of the passage in its article.
  public var passage: Int
  /// Code-point offsets into the passage text, half-open.
  public var start: Int
  public var end: Int
  /// The entity's canonical name ("Syrian Arab Army" for a mention of "SAA").
  public var name: String
  public var type: EntityType

  public init(passage: Int, start: Int, end: Int, name: String, type: EntityType) {
    self.passage = passage
    self.start = start
    self.end = end
    self.name = name
    self.type = type
  }
}

/// Another name an entity goes by, as learned from an article.
public struct EntityAlias: Sendable, Equatable, Hashable {
  public var alias: String
  public var name: String
  public var type: EntityType
  /// True when the article defined the alias ("Syrian Arab Army (SAA)"): it then names the
  /// entity in every article. Otherwise it is only a spelling seen (a surname, "Idleb").
  public var isDefinition: Bool

  public init(alias: String, name: String, type: EntityType, isDefinition: Bool) {
    self.alias = alias
    self.name = name
    self.type = type
    self.isDefinition = isDefinition
  }
}
