import Foundation
import NewsEntities

/// `NERTool train`: builds lexicons from the shared corpora, trains the first-pass tagger and
/// (with document features) a second pass on jackknifed first-pass predictions, prints testa
/// F1 per epoch, and writes the model resource.
struct TrainCommand {
  static let defaultEpochs = 10
  static let defaultBits = 18
  static let defaultFolds = 5
  static let defaultFeatures = "cap,clusters,gaz,titles,headlines,doc"

  let options: ToolOptions

  func run() throws {
    let start = Date()
    let epochs = options.int("epochs", default: Self.defaultEpochs)
    let bits = options.int("bits", default: Self.defaultBits)
    let folds = options.int("folds", default: Self.defaultFolds)
    let featureNames = Set(
      (options.value("features") ?? Self.defaultFeatures).split(separator: ",").map(String.init))
    var featureSet: FeatureSet = []
    if featureNames.contains("cap") { featureSet.insert(.capitalization) }
    if featureNames.contains("clusters") { featureSet.insert(.clusters) }
    if featureNames.contains("gaz") { featureSet.insert(.gazetteer) }
    if featureNames.contains("titles") { featureSet.insert(.titles) }
    if featureNames.contains("headlines") { featureSet.insert(.headlines) }
    let useDocument = featureNames.contains("doc")
    log("train: features \(featureNames.sorted()) bits \(bits) epochs \(epochs) folds \(folds)")

    let corpora = options.corpora
    let train = try CoNLLCorpus(path: corpora + "/conll2003-en/eng.train")
    let dev = try CoNLLCorpus(path: corpora + "/conll2003-en/eng.testa")
    log(
      "train: \(train.documents.count) documents, \(train.tokenCount) tokens; testa \(dev.tokenCount) tokens")
    var generator = SeededGenerator()

    var capitalization = HashLookup([:])
    var clusters = HashLookup([:])
    if featureSet.contains(.capitalization) || featureSet.contains(.clusters) {
      let unlabeled = try UnlabeledText(paths: [
        corpora + "/reuters21578/eval/articles.jsonl", corpora + "/fakes-syria/eval/articles.jsonl",
      ])
      log("train: unlabeled text \(unlabeled.tokenCount) tokens (\(elapsed(start)))")
      if featureSet.contains(.capitalization) {
        capitalization = LexiconBuilder.capitalization(from: unlabeled)
        log("train: capitalization statistics for \(capitalization.count) words")
      }
      if featureSet.contains(.clusters) {
        clusters = ClusterBuilder.build(
          unlabeled.documents + train.documents.map(\.tokens), generator: &generator)
        log("train: clusters for \(clusters.count) words (\(elapsed(start)))")
      }
    }

    // Gazetteer features on training sentences come from the other folds only; otherwise every
    // training entity would match itself and the model would trust the gazetteer blindly.
    let foldOf = { (document: Int) in document % folds }
    let fullGazetteer =
      featureSet.contains(.gazetteer) ? LexiconBuilder.gazetteerEntries(train.documents) : [:]
    let fullLexicons = Lexicons(
      clusters: clusters, capitalization: capitalization, gazetteer: HashLookup(fullGazetteer))
    var foldLexicons: [Lexicons] = []
    for fold in 0..<folds {
      let others = train.documents.indices.filter { foldOf($0) != fold }.map { train.documents[$0] }
      let entries = featureSet.contains(.gazetteer) ? LexiconBuilder.gazetteerEntries(others) : [:]
      foldLexicons.append(
        Lexicons(clusters: clusters, capitalization: capitalization, gazetteer: HashLookup(entries)))
    }

    let first = FeatureExtractor(bits: bits, featureSet: featureSet)
    let trainExamples = train.documents.enumerated().map { index, document in
      example(document, first, foldLexicons[foldOf(index)], firstPassTags: nil)
    }
    let devExamples = dev.documents.map { example($0, first, fullLexicons, firstPassTags: nil) }
    log("train: first pass (\(first.staticCount) features per token)")
    let firstWeights = trainPass(
      first, trainExamples, dev: (dev.documents, devExamples), epochs: epochs, &generator)

    var secondWeights: [Float]? = nil
    if useDocument {
      // Jackknife: the second pass must learn from first-pass tags as noisy as at test time.
      var firstPassTags = [[UInt8]](repeating: [], count: train.documents.count)
      for fold in 0..<folds {
        let training = trainExamples.indices.filter { foldOf($0) != fold }.map { trainExamples[$0] }
        let weights = trainPass(first, training, dev: nil, epochs: epochs, &generator)
        for index in trainExamples.indices where foldOf(index) == fold {
          firstPassTags[index] = decode(weights, first, trainExamples[index])
        }
        log("train: jackknife fold \(fold + 1)/\(folds) done (\(elapsed(start)))")
      }
      let secondTrain = train.documents.enumerated().map { index, document in
        example(document, first, foldLexicons[foldOf(index)], firstPassTags: firstPassTags[index])
      }
      let secondDev = dev.documents.indices.map { index in
        example(
          dev.documents[index], first, fullLexicons,
          firstPassTags: decode(firstWeights, first, devExamples[index]))
      }
      log("train: second pass (\(first.staticCount + FeatureExtractor.documentCount) features per token)")
      secondWeights = trainPass(
        first, secondTrain, dev: (dev.documents, secondDev), epochs: epochs, &generator)
    }

    let model = TaggerModel(
      bits: bits, featureSet: featureSet, lexicons: fullLexicons, weights: firstWeights,
      secondPassWeights: secondWeights)
    let data = ModelCodec.encode(model)
    let reloaded = try ModelCodec.decode(data)
    let tagger = EntityTagger(model: reloaded, aliases: nil)
    let quantized = ModelEvaluation.score(dev.documents, tagger: tagger, useAliases: false)
    log(
      String(
        format: "train: testa F1 of the saved (quantized) model %.4f, %d bytes", quantized.overall.f1,
        data.count))
    if !options.flag("no-save") {
      let output = options.value("output") ?? ToolOptions.defaultModelPath
      try data.write(to: URL(fileURLWithPath: output))
      log("train: wrote \(output)")
    }
    log("train: done in \(elapsed(start))")
  }

  private func example(
    _ document: CoNLLCorpus.Document, _ extractor: FeatureExtractor, _ lexicons: Lexicons,
    firstPassTags: [UInt8]?
  ) -> PerceptronTrainer.Example {
    // (The `.headlines` reading is for tagging only: CoNLL has next to no title-case text.)
    let traits = FeatureExtractor.traits(of: document.tokens)
    var features: [UInt32] = []
    extractor.extract(document.tokens, traits: traits, lexicons: lexicons, into: &features)
    var documentFeatures: [UInt32]? = nil
    if let firstPassTags {
      var extracted: [UInt32] = []
      extractor.extractDocumentFeatures(
        document.tokens, traits: traits, firstPassTags: firstPassTags, into: &extracted)
      documentFeatures = extracted
    }
    return PerceptronTrainer.Example(
      document: document.tokens, traits: traits, features: features, documentFeatures: documentFeatures,
      gold: document.tags)
  }

  private func decode(_ weights: [Float], _ extractor: FeatureExtractor, _ example: PerceptronTrainer.Example)
    -> [UInt8]
  {
    weights.withUnsafeBufferPointer {
      GreedyDecoder.decode(
        weights: $0.baseAddress!, extractor: extractor, document: example.document, traits: example.traits,
        features: example.features, documentFeatures: example.documentFeatures)
    }
  }

  private func trainPass(
    _ extractor: FeatureExtractor, _ examples: [PerceptronTrainer.Example],
    dev: ([CoNLLCorpus.Document], [PerceptronTrainer.Example])?, epochs: Int,
    _ generator: inout SeededGenerator
  ) -> [Float] {
    let trainer = PerceptronTrainer(extractor: extractor)
    for epoch in 1...epochs {
      trainer.trainEpoch(examples, generator: &generator)
      if let dev, !options.flag("quiet") || epoch == epochs {
        let weights = trainer.averagedWeights()
        let tags = dev.1.map { decode(weights, extractor, $0) }
        let evaluator = ModelEvaluation.score(dev.0, predictedTags: tags)
        log(
          String(
            format: "  epoch %2d  testa P %.4f R %.4f F1 %.4f", epoch, evaluator.overall.precision,
            evaluator.overall.recall, evaluator.overall.f1))
      }
    }
    return trainer.averagedWeights()
  }

  private func elapsed(_ start: Date) -> String { String(format: "%.1fs", Date().timeIntervalSince(start)) }
}

/// Writes a progress line immediately (stdout is block-buffered when piped to a file).
func log(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
