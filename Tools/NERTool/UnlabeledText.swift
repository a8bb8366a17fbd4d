import Foundation
import NewsEntities

/// Unlabeled news text from the shared corpora (the `text` field of JSON-lines articles),
/// tokenized once for the lexicon and cluster builders.
struct UnlabeledText {
  var documents: [TokenizedDocument] = []

  init(paths: [String]) throws {
    let tokenizer = TextTokenizer()
    for path in paths {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
        guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
          let text = object["text"] as? String
        else { continue }
        documents.append(tokenizer.tokenize(text))
      }
    }
  }

  var tokenCount: Int { documents.reduce(0) { $0 + $1.tokenCount } }
}
