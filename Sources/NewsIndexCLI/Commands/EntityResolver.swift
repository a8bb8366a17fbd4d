import ArgumentParser
import NewsEntities
import NewsModel
import NewsStore

/// Turns a name typed on the command line into one entity, or explains why it cannot.
enum EntityResolver {
  static func resolve(_ name: String, with reader: ArchiveReader) throws -> EntitySummary {
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
      return entity
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
