import Foundation
import NewsEntities

/// `NERTool bench [--articles N] [--seconds S]`: single-thread throughput of `entities(in:)`
/// and `entities(inParagraphs:)` on Reuters stories (tokenizing included) and of tagging
/// pre-tokenized testa, in tokens per second of wall time and of the thread's CPU time (which
/// other processes on a shared machine do not inflate).
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
      if let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
        let text = object["text"] as? String
      {
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
    let startCPU = Self.threadCPUTime()
    while Date().timeIntervalSince(start) < seconds {
      for text in texts { entities += tagger.entities(in: text).count }
      tokens += tokenCount
    }
    let elapsed = Date().timeIntervalSince(start)
    let elapsedCPU = Self.threadCPUTime() - startCPU
    print(
      String(
        format:
          "bench: entities(in:) on %d Reuters stories: %.0f tokens/s wall, %.0f tokens/s CPU (%d tokens, %d entities, %.2fs, 1 thread)",
        texts.count, Double(tokens) / elapsed, Double(tokens) / elapsedCPU, tokens, entities, elapsed))

    // The same stories as paragraphs, the way the indexer hands articles over.
    let articles = texts.map { $0.components(separatedBy: "\n\n") }
    var paragraphTokens = 0
    let paragraphStart = Date()
    let paragraphStartCPU = Self.threadCPUTime()
    while Date().timeIntervalSince(paragraphStart) < seconds {
      for paragraphs in articles { entities += tagger.entities(inParagraphs: paragraphs).count }
      paragraphTokens += tokenCount
    }
    let paragraphElapsed = Date().timeIntervalSince(paragraphStart)
    let paragraphElapsedCPU = Self.threadCPUTime() - paragraphStartCPU
    print(
      String(
        format:
          "bench: entities(inParagraphs:) on the same stories: %.0f tokens/s wall, %.0f tokens/s CPU (%.2fs, 1 thread)",
        Double(paragraphTokens) / paragraphElapsed, Double(paragraphTokens) / paragraphElapsedCPU,
        paragraphElapsed))

    let dev = try CoNLLCorpus(path: options.corpora + "/conll2003-en/eng.testa")
    var devTokens = 0
    let devStart = Date()
    let devStartCPU = Self.threadCPUTime()
    while Date().timeIntervalSince(devStart) < seconds {
      for document in dev.documents { entities += tagger.spans(of: document.tokens).count }
      devTokens += dev.tokenCount
    }
    let devElapsed = Date().timeIntervalSince(devStart)
    let devElapsedCPU = Self.threadCPUTime() - devStartCPU
    print(
      String(
        format:
          "bench: tagging pre-tokenized eng.testa: %.0f tokens/s wall, %.0f tokens/s CPU (%d tokens, %.2fs, 1 thread)",
        Double(devTokens) / devElapsed, Double(devTokens) / devElapsedCPU, devTokens, devElapsed))
  }

  /// CPU time of the calling thread, in seconds: unlike wall time, it does not count the
  /// time other processes on a shared machine take the core away.
  static func threadCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
