import Foundation
import NewsEntities

/// `NERTool tag [--unwrap]`: reads text on stdin, prints one entity per line:
/// kind, code-point range, text. `--unwrap` joins hard-wrapped lines (PDF text) first.
struct TagCommand {
  let options: ToolOptions

  func run() throws {
    let tagger = try TaggerLoading.load(options)
    var text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    if options.flag("unwrap") { text = Self.unwrap(text) }
    for entity in tagger.entities(in: text) {
      print(
        "\(entity.kind.rawValue)\t\(entity.scalarRange.lowerBound)-\(entity.scalarRange.upperBound)\t\(entity.text)"
      )
    }
  }

  /// Replaces single line breaks with spaces, keeping blank lines as paragraph breaks.
  static func unwrap(_ text: String) -> String {
    text.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(
      separator: "\n\n")
  }
}
