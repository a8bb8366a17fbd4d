/// The four entity types the tagger recognises (CoNLL-2003's PER, ORG, LOC and MISC).
public enum EntityKind: String, Sendable, CaseIterable, Codable {
  case person, organization, place, other

  /// Dense index used inside the tag set; the order is part of the model file format.
  package var index: Int {
    switch self {
    case .person: 0
    case .organization: 1
    case .place: 2
    case .other: 3
    }
  }

  package init?(index: Int) {
    switch index {
    case 0: self = .person
    case 1: self = .organization
    case 2: self = .place
    case 3: self = .other
    default: return nil
    }
  }

  /// Maps CoNLL / WikiANN type labels ("PER", "ORG", "LOC", "MISC") to a kind.
  package init?(conllLabel: Substring) {
    switch conllLabel {
    case "PER": self = .person
    case "ORG": self = .organization
    case "LOC": self = .place
    case "MISC": self = .other
    default: return nil
    }
  }

  package var conllLabel: String {
    switch self {
    case .person: "PER"
    case .organization: "ORG"
    case .place: "LOC"
    case .other: "MISC"
    }
  }
}
