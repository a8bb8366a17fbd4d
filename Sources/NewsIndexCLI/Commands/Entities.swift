import ArgumentParser
import Foundation
import NewsModel
import NewsStore

extension NewsIndex {
  struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the most mentioned people, organizations, places and other entities.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this type: person, organization, place or other.")
    var type: EntityType?
    @Option(help: "How many to list (1–10000).")
    var limit = 20
    @Flag(help: "Print one JSON object per entity and line.")
    var json = false

    func validate() throws {
      guard (1...10_000).contains(limit) else {
        throw ValidationError("--limit must be between 1 and 10000 (got \(limit))")
      }
    }

    func run() throws {
      let entities: [EntitySummary]
      do {
        entities = try Archive.openForReading(path: database.path).makeReader().topEntities(type: type, limit: limit)
      } catch {
        throw fail(error, verbose: database.verbose)
      }
      if json {
        for entity in entities { print(EntityFormatter.jsonLine(entity)) }
        return
      }
      guard !entities.isEmpty else {
        print("no entities in the index (was it built with --no-entities?)")
        return
      }
      let width = min(40, entities.map(\.name.count).max() ?? 10)
      print(EntityFormatter.pad("entity", width) + "  type          mentions  articles  first       last")
      for entity in entities {
        print(
          EntityFormatter.pad(entity.name, width) + "  " + EntityFormatter.pad(entity.type.rawValue, 12)
            + EntityFormatter.padLeft(String(entity.mentions), 10) + EntityFormatter.padLeft(String(entity.articles), 10)
            + "  " + EntityFormatter.pad(entity.firstDate ?? "-", 10) + "  " + (entity.lastDate ?? "-"))
      }
    }
  }
}

extension EntityType: ExpressibleByArgument {}

/// Shared text and JSON forms of entities.
enum EntityFormatter {
  static func pad(_ text: String, _ width: Int) -> String {
    let shown = text.count > width ? String(text.prefix(width - 1)) + "…" : text
    return shown + String(repeating: " ", count: max(0, width - shown.count))
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  static func jsonLine(_ entity: EntitySummary) -> String {
    var object = JSONObjectWriter()
    object.add("name", .string(entity.name))
    object.add("type", .string(entity.type.rawValue))
    object.add("mentions", .number(Double(entity.mentions)))
    object.add("articles", .number(Double(entity.articles)))
    object.add("first_date", entity.firstDate.map(JSONValue.string) ?? .null)
    object.add("last_date", entity.lastDate.map(JSONValue.string) ?? .null)
    return object.finish()
  }
}
