import Foundation

/// Minimal `--name value` / `--flag` parsing over CommandLine.arguments.
struct ToolOptions {
  static let defaultCorpora = "/work/shared/corpora"
  static let defaultModelPath = "Sources/NewsEntities/Resources/NERModel.bin"
  static let defaultAliasPath = "Sources/NewsEntities/Resources/aliases.txt"

  var positional: [String] = []
  private var values: [String: String] = [:]
  private var flags: Set<String> = []

  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      if argument.hasPrefix("--") {
        let name = String(argument.dropFirst(2))
        if let equals = name.firstIndex(of: "=") {
          values[String(name[..<equals])] = String(name[name.index(after: equals)...])
        } else if Self.flagNames.contains(name) {
          flags.insert(name)
        } else if let value = iterator.next() {
          values[name] = value
        }
      } else {
        positional.append(argument)
      }
    }
  }

  static let flagNames: Set<String> = ["no-aliases", "no-save", "unwrap", "quiet"]

  func value(_ name: String) -> String? { values[name] }
  func int(_ name: String, default fallback: Int) -> Int { values[name].flatMap(Int.init) ?? fallback }
  func flag(_ name: String) -> Bool { flags.contains(name) }

  var corpora: String {
    values["corpora"] ?? ProcessInfo.processInfo.environment["NER_CORPORA"] ?? Self.defaultCorpora
  }
}
