import ArgumentParser
import NewsEntities
import NewsModel
import NewsStore

/// Turns a name typed on the command line into one entity, or explains why it cannot.
enum EntityResolver {
  /// The entities a name stands for: one, or several of that exact name with different types.
  static func resolve(_ name: String, with reader: ArchiveReader) throws -> [EntitySummary] {
    var lookup = try reader.lookUpEntity(name)
    // A name the archive never spelled that way may still be a known alias ("Daesh" → ISIS).
    if lookup == .notFound, let table = try? CanonicalNameTable.bundled() {
      for type in EntityType.allCases {
        if let canonical = table.canonical(for: name, type: type), canonical.type == type,
          NameKey.of(canonical.name) != NameKey.of(name)
        {
          lookup = try reader.lookUpEntity(canonical.name)
          break
        }
      }
    }
    switch lookup {
    case .found(let entity):
      return [entity]
    case .ambiguous(let candidates) where candidates.contains(where: { NameKey.of($0.name) == NameKey.of(name) }):
      // The very name, under several types (SANA as organization and place): all of them, most
      // mentioned first, rather than asking for a name that cannot be typed more precisely.
      return candidates.filter { NameKey.of($0.name) == NameKey.of(name) }
    case .notFound:
      printError("no entity is named '\(name)'; 'newsindex entities' lists them, and 'name*' matches a prefix")
      throw ExitStatus.usage
    case .ambiguous(let candidates):
      let shown = candidates.prefix(8).map { "\($0.name) (\($0.type.rawValue), \($0.mentions))" }
      printError(
        "'\(name)' could be \(shown.joined(separator: ", "))\(candidates.count > 8 ? ", …" : ""); type more of the name")
      throw ExitStatus.usage
    }
  }
}
