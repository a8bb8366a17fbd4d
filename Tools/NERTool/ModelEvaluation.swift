import NewsEntities

/// Scores tag sequences against a corpus' gold spans.
enum ModelEvaluation {
  static func score(_ documents: [CoNLLCorpus.Document], predictedTags: [[UInt8]]) -> SpanEvaluator {
    var evaluator = SpanEvaluator()
    for (index, document) in documents.enumerated() {
      for sentence in 0..<document.tokens.sentenceCount {
        let range = document.tokens.sentenceRange(sentence)
        evaluator.add(
          gold: document.gold[sentence], predicted: BILOUTag.decode(Array(predictedTags[index][range])))
      }
    }
    return evaluator
  }

  static func score(_ documents: [CoNLLCorpus.Document], tagger: EntityTagger, useAliases: Bool)
    -> SpanEvaluator
  {
    var evaluator = SpanEvaluator()
    for document in documents {
      let spans = tagger.spans(of: document.tokens, useAliases: useAliases)
      for (sentence, predicted) in spans.enumerated() {
        evaluator.add(gold: document.gold[sentence], predicted: predicted)
      }
    }
    return evaluator
  }
}
