import Foundation
import NewsModel

/// Names that mean the same entity: "ISIS | ISIL | Daesh | Islamic State", "Idlib | Idleb".
///
/// File format (the bundled `canonical-names.txt`, and `newsindex index --aliases FILE`):
/// one entity per line, `type: Canonical Name | alias | alias …`. The type (`person`,
/// `organization`, `place`, `other`) and its colon may be left out; the first name is the one
/// shown. Blank lines and lines starting with `#` are ignored. Later lines win over earlier
/// ones for the same alias, so a user's file can re-point a bundled alias.
public struct CanonicalNameTable: Sendable {
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var type: EntityType?
  }

  /// A line that cannot be read, with where it is.
  public struct FormatError: Error, Equatable, CustomStringConvertible {
    public var location: String
    public var message: String
    public var description: String { "\(location): \(message)" }
  }

  private var entries: [String: [Entry]] = [:]

  public init() {}

  /// Parses the text of an alias file; `source` names it in error messages.
  public init(text: String, source: String) throws(FormatError) {
    for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty, !line.hasPrefix("#") else { continue }
      var body = Substring(line)
      var type: EntityType?
      if let colon = line.firstIndex(of: ":"), !line[..<colon].contains("|") {
        let word = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard let parsed = EntityType(rawValue: word) else {
          throw FormatError(
            location: "\(source):\(number + 1)",
            message: "unknown type '\(word)'; use person, organization, place or other (or leave the type out)")
        }
        type = parsed
        body = line[line.index(after: colon)...]
      }
      let names = body.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      guard let canonical = names.first else {
        throw FormatError(location: "\(source):\(number + 1)", message: "has no name; write 'type: Name | alias | alias'")
      }
      for name in names {
        add(alias: name, entry: Entry(name: canonical, type: type))
      }
    }
  }

  /// The list shipped with NewsIndex.
  public static func bundled() throws -> CanonicalNameTable {
    guard let url = Bundle.module.url(forResource: "canonical-names", withExtension: "txt") else {
      throw FormatError(location: "canonical-names.txt", message: "is missing from the package")
    }
    return try CanonicalNameTable(text: String(contentsOf: url, encoding: .utf8), source: "canonical-names.txt")
  }

  /// Adds the other table's entries; they win over this table's for the same alias and type.
  public mutating func merge(_ other: CanonicalNameTable) {
    for (key, list) in other.entries {
      for entry in list { add(key: key, entry: entry) }
    }
  }

  private mutating func add(alias: String, entry: Entry) {
    add(key: NameKey.of(alias), entry: entry)
  }

  private mutating func add(key: String, entry: Entry) {
    var list = entries[key, default: []]
    list.removeAll { $0.type == entry.type }
    list.insert(entry, at: 0)
    entries[key] = list
  }

  /// The canonical name and type for a name, preferring an entry of the same type; an entry
  /// of another type still applies (the list knows Idleb is a place better than the tagger).
  public func canonical(for name: String, type: EntityType) -> (name: String, type: EntityType)? {
    canonical(forKey: NameKey.of(name), type: type)
  }

  public func canonical(forKey key: String, type: EntityType) -> (name: String, type: EntityType)? {
    guard let list = entries[key], let first = list.first else { return nil }
    let entry = list.first { $0.type == type } ?? list.first { $0.type == nil } ?? first
    return (entry.name, entry.type ?? type)
  }

  public var count: Int { entries.count }
}
