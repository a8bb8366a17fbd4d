import Foundation
import NewsEntities

/// `NERTool bench [--articles N] [--seconds S]`: single-thread throughput of
/// `entities(in:)` on Reuters stories (tokenizing included) and of tagging pre-tokenized testa.
struct BenchCommand {
  static let defaultArticles = 4000
  static let defaultSeconds = 3.0

  let options: ToolOptions

  func run() throws {
    let tagger = try TaggerLoading.load(options)
    let seconds = Double(options.value("seconds") ?? "") ?? Self.defaultSeconds
    let articlesPath = options.corpora + "/reuters21578/eval/articles.jsonl"
    var texts: [String] = []
    let data = try Data(contentsOf: URL(fileURLWithPath: articlesPath))
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      if let object = try JSONSerialization.jsonObject(with: line) as? [String: Any], let text = object["text"] as? String {
        texts.append(text)
      }
      if texts.count >= options.int("articles", default: Self.defaultArticles) { break }
    }
    let tokenizer = TextTokenizer()
    let tokenCount = texts.reduce(0) { $0 + tokenizer.tokenize($1).tokenCount }
    // Warm up (loads the lazily initialised model, touches the weight pages).
    _ = texts.prefix(50).map { tagger.entities(in: $0) }
    var tokens = 0
    var entities = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
      for text in texts { entities += tagger.entities(in: text).count }
      tokens += tokenCount
    }
    let elapsed = Date().timeIntervalSince(start)
    print(String(format: "bench: entities(in:) on %d Reuters stories: %.0f tokens/s (%d tokens, %d entities, %.2fs, 1 thread)",
                 texts.count, Double(tokens) / elapsed, tokens, entities, elapsed))

    let dev = try CoNLLCorpus(path: options.corpora + "/conll2003-en/eng.testa")
    var devTokens = 0
    let devStart = Date()
    while Date().timeIntervalSince(devStart) < seconds {
      for document in dev.documents { entities += tagger.spans(of: document.tokens).count }
      devTokens += dev.tokenCount
    }
    let devElapsed = Date().timeIntervalSince(devStart)
    print(String(format: "bench: tagging pre-tokenized eng.testa: %.0f tokens/s (%d tokens, %.2fs, 1 thread)",
                 Double(devTokens) / devElapsed, devTokens, devElapsed))
  }
}
