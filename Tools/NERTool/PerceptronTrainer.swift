import NewsEntities

/// Averaged perceptron training of the greedy tagger. Updates happen token by token, with the
/// tag history the decoder itself predicted, so training sees the same situations as tagging.
/// Averaging uses the usual trick: keep the sum of `step × update` and subtract its mean.
final class PerceptronTrainer {
  struct Example {
    var document: TokenizedDocument
    var traits: FeatureExtractor.Traits
    var features: [UInt32]
    /// Second pass only: `FeatureExtractor.documentCount` features per token.
    var documentFeatures: [UInt32]?
    var gold: [UInt8]
  }

  let extractor: FeatureExtractor
  private var weights: [Float]
  private var stepWeightedUpdates: [Double]
  private var step: Double = 1

  init(extractor: FeatureExtractor) {
    self.extractor = extractor
    let size = (1 << extractor.bits) * BILOUTag.count
    weights = [Float](repeating: 0, count: size)
    stepWeightedUpdates = [Double](repeating: 0, count: size)
  }

  /// One pass over all sentences of `examples`, in an order drawn from `generator`.
  func trainEpoch(_ examples: [Example], generator: inout SeededGenerator) {
    var order: [(Int, Int)] = []
    for (exampleIndex, example) in examples.enumerated() {
      for sentence in 0..<example.document.sentenceCount { order.append((exampleIndex, sentence)) }
    }
    generator.shuffle(&order)
    let tagCount = BILOUTag.count
    let staticCount = extractor.staticCount
    let documentCount = FeatureExtractor.documentCount
    var scores = [Float](repeating: 0, count: tagCount)
    weights.withUnsafeMutableBufferPointer { weights in
      stepWeightedUpdates.withUnsafeMutableBufferPointer { totals in
        scores.withUnsafeMutableBufferPointer { scores in
          for (exampleIndex, sentence) in order {
            let example = examples[exampleIndex]
            let range = example.document.sentenceRange(sentence)
            example.features.withUnsafeBufferPointer { features in
              (example.documentFeatures ?? []).withUnsafeBufferPointer { documentFeatures in
                var previous = BILOUTag.outside
                var beforePrevious = BILOUTag.outside
                for token in range {
                  let history = extractor.historyFeatures(
                    previous: previous, beforePrevious: beforePrevious, word: example.traits.lower[token],
                    shape: example.traits.shape[token])
                  let tokenFeatures = features.baseAddress! + token * staticCount
                  let tokenDocumentFeatures =
                    example.documentFeatures == nil
                    ? nil : documentFeatures.baseAddress! + token * documentCount
                  GreedyDecoder.score(
                    weights: UnsafePointer(weights.baseAddress!), staticFeatures: tokenFeatures,
                    staticCount: staticCount, documentFeatures: tokenDocumentFeatures, history: history,
                    into: scores.baseAddress!)
                  let predicted = GreedyDecoder.best(
                    scores.baseAddress!, previous: previous, isLast: token == range.upperBound - 1,
                    constrained: false)
                  let gold = example.gold[token]
                  if predicted != gold {
                    let currentStep = step
                    @inline(__always) func update(_ feature: UInt32) {
                      let row = Int(feature) * tagCount
                      weights[row + Int(gold)] += 1
                      weights[row + Int(predicted)] -= 1
                      totals[row + Int(gold)] += currentStep
                      totals[row + Int(predicted)] -= currentStep
                    }
                    for slot in 0..<staticCount { update(tokenFeatures[slot]) }
                    if let tokenDocumentFeatures {
                      for slot in 0..<documentCount { update(tokenDocumentFeatures[slot]) }
                    }
                    update(history.0)
                    update(history.1)
                    update(history.2)
                    update(history.3)
                  }
                  step += 1
                  beforePrevious = previous
                  previous = predicted
                }
              }
            }
          }
        }
      }
    }
  }

  /// The averaged weights: w − (Σ step·Δ) / step.
  func averagedWeights() -> [Float] {
    var averaged = [Float](repeating: 0, count: weights.count)
    for index in 0..<weights.count where weights[index] != 0 || stepWeightedUpdates[index] != 0 {
      averaged[index] = Float(Double(weights[index]) - stepWeightedUpdates[index] / step)
    }
    return averaged
  }
}
