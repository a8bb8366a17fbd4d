import ArgumentParser
import Foundation
import NewsStore

extension NewsIndex {
  struct Entity: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print an entity card: names, counts, company it keeps, mentions by month, examples.",
      discussion: "NAME may be the canonical name, any alias (SAA, Daesh, Idleb) or a prefix (lavr*).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The entity's name, an alias, or a prefix ending in *.")
    var name: [String]

    func run() throws {
      let typed = name.joined(separator: " ")
      let card: EntityCard
      var others: [EntitySummary] = []
      do {
        let reader = try Archive.openForReading(path: database.path).makeReader()
        let entities = try EntityResolver.resolve(typed, with: reader)
        others = Array(entities.dropFirst())
        card = try reader.card(for: entities[0])
      } catch let error as StoreError {
        throw fail(error, verbose: database.verbose)
      }
      let formatter = ResultFormatter(color: Terminal.usesColor, width: Terminal.width)
      let summary = card.summary
      print(formatter.bold("\(summary.name)") + " (\(summary.type.rawValue))")
      if !card.aliases.isEmpty { print("also: " + card.aliases.joined(separator: ", ")) }
      for other in others {
        print("the same name also stands for a \(other.type.rawValue) (\(other.mentions) mentions)")
      }
      print(
        "\(summary.mentions) mentions in \(summary.articles) article\(summary.articles == 1 ? "" : "s")"
          + (summary.firstDate.map { ", \($0) … \(summary.lastDate ?? $0)" } ?? ""))
      if !card.cooccurring.isEmpty {
        print("\n" + formatter.bold("named in the same paragraphs"))
        for (entity, paragraphs) in card.cooccurring {
          print(ResultFormatter.indent + "\(entity.name) (\(entity.type.rawValue)) \(paragraphs)")
        }
      }
      if !card.months.isEmpty {
        print("\n" + formatter.bold("mentions by month"))
        let most = card.months.map(\.mentions).max() ?? 1
        for (month, mentions) in card.months {
          let bar = String(repeating: "█", count: max(1, mentions * 40 / most))
          print(ResultFormatter.indent + month + " " + EntityFormatter.padLeft(String(mentions), 5) + " " + bar)
        }
      }
      if !card.examples.isEmpty {
        print("\n" + formatter.bold("examples"))
        for example in card.examples {
          print(ResultFormatter.indent + formatter.dim("\(example.date ?? "undated") · \(example.title) · \(example.articleID) ¶\(example.position)"))
          print(formatter.wrap(example.text, matches: example.matches))
        }
      }
    }
  }
}
