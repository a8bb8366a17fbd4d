import NewsEntities

/// `NERTool eval FILE`: conlleval-style precision / recall / F1 on a CoNLL file.
struct EvalCommand {
  let options: ToolOptions

  func run() throws {
    guard let path = options.positional.first else {
      throw ToolError.usage("eval FILE [--model PATH] [--no-aliases]")
    }
    let tagger = try TaggerLoading.load(options)
    let corpus = try CoNLLCorpus(path: path, sentencesPerDocument: path.contains("wikiann") ? 20 : nil)
    let evaluator = ModelEvaluation.score(
      corpus.documents, tagger: tagger, useAliases: !options.flag("no-aliases"))
    print("eval: \(path) (\(corpus.tokenCount) tokens, aliases \(options.flag("no-aliases") ? "off" : "on"))")
    print(evaluator.report)
  }
}
