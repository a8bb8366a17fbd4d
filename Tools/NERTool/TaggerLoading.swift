import Foundation
import NewsEntities

/// Loads the tagger named by `--model` / `--aliases`, or the bundled one.
enum TaggerLoading {
  static func load(_ options: ToolOptions) throws -> EntityTagger {
    guard let model = options.value("model") else { return try EntityTagger.loadBundled() }
    let aliases = options.value("aliases").map { URL(fileURLWithPath: $0) }
    return try EntityTagger(modelURL: URL(fileURLWithPath: model), aliasURL: aliases)
  }
}
