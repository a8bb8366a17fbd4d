import NewsEntities

/// Cheap distributional word clusters with Brown-style bit-string paths.
///
/// Each frequent word is described by the words seen immediately left and right of it
/// (square-rooted counts, randomly projected to a few dozen dimensions, unit length). The
/// words are then split top-down in two, again and again, along the principal direction of
/// each group (refined by a couple of 2-means steps). The sequence of left/right choices is
/// the word's path, so path prefixes are coarse-to-fine clusters.
enum ClusterBuilder {
  static let defaultVocabularySize = 40_000
  static let defaultMinimumCount = 4
  static let defaultContextWords = 600
  static let defaultDimensions = 96
  static let defaultDepth = 16
  static let defaultMinimumGroup = 4
  static let defaultPowerIterations = 10
  static let defaultRefinements = 2

  static func build(_ documents: [TokenizedDocument], generator: inout SeededGenerator) -> HashLookup {
    // 1. Vocabulary by frequency (ties broken by key, for determinism).
    var frequencies: [UInt64: Int] = [:]
    var allTraits: [FeatureExtractor.Traits] = []
    for document in documents {
      let traits = FeatureExtractor.traits(of: document)
      for word in traits.lower { frequencies[word, default: 0] += 1 }
      allTraits.append(traits)
    }
    let ranked = frequencies.filter { $0.value >= defaultMinimumCount }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(defaultVocabularySize)
    let vocabulary = ranked.map(\.key)
    var vocabularyIndex: [UInt64: Int] = [:]
    for (index, word) in vocabulary.enumerated() { vocabularyIndex[word] = index }
    let contextCount = min(defaultContextWords, vocabulary.count)
    let width = 2 * contextCount + 2

    // 2. Context counts: left neighbours in [0, contextCount], right ones after them.
    var counts = [Float](repeating: 0, count: vocabulary.count * width)
    for (documentIndex, document) in documents.enumerated() {
      let words = allTraits[documentIndex].lower
      for sentence in 0..<document.sentenceCount {
        let range = document.sentenceRange(sentence)
        for token in range {
          guard let row = vocabularyIndex[words[token]] else { continue }
          var left = contextCount
          if token > range.lowerBound, let index = vocabularyIndex[words[token - 1]], index < contextCount {
            left = index
          }
          var right = 2 * contextCount + 1
          if token + 1 < range.upperBound, let index = vocabularyIndex[words[token + 1]], index < contextCount
          {
            right = contextCount + 1 + index
          }
          counts[row * width + left] += 1
          counts[row * width + right] += 1
        }
      }
    }

    // 3. Random ±1 projection of square-rooted counts, then unit length.
    let dimensions = defaultDimensions
    var projection = [Float](repeating: 0, count: width * dimensions)
    for index in 0..<projection.count { projection[index] = generator.next() & 1 == 0 ? -1 : 1 }
    var vectors = [Float](repeating: 0, count: vocabulary.count * dimensions)
    for row in 0..<vocabulary.count {
      for column in 0..<width {
        let count = counts[row * width + column]
        guard count > 0 else { continue }
        let weight = count.squareRoot()
        for dimension in 0..<dimensions {
          vectors[row * dimensions + dimension] += weight * projection[column * dimensions + dimension]
        }
      }
      var norm: Float = 0
      for dimension in 0..<dimensions {
        norm += vectors[row * dimensions + dimension] * vectors[row * dimensions + dimension]
      }
      norm = max(norm.squareRoot(), 1e-6)
      for dimension in 0..<dimensions { vectors[row * dimensions + dimension] /= norm }
    }
    counts = []

    // 4. Top-down bisection.
    var paths = [UInt32](repeating: 0, count: vocabulary.count)
    var stack: [(members: [Int], path: UInt32, depth: Int)] = [(Array(0..<vocabulary.count), 0, 0)]
    while let node = stack.popLast() {
      if node.depth >= defaultDepth || node.members.count < defaultMinimumGroup {
        for member in node.members {
          paths[member] =
            UInt32(node.depth) << 24 | (node.depth == 0 ? 0 : node.path << UInt32(24 - node.depth))
        }
        continue
      }
      let (left, right) = bisect(node.members, vectors, dimensions, &generator)
      if left.isEmpty || right.isEmpty {
        for member in node.members {
          paths[member] =
            UInt32(node.depth) << 24 | (node.depth == 0 ? 0 : node.path << UInt32(24 - node.depth))
        }
        continue
      }
      stack.append((right, node.path << 1 | 1, node.depth + 1))
      stack.append((left, node.path << 1, node.depth + 1))
    }
    var entries: [UInt64: UInt32] = [:]
    for (index, word) in vocabulary.enumerated() { entries[word] = paths[index] }
    return HashLookup(entries)
  }

  /// Splits a group along its principal direction, then refines with 2-means.
  private static func bisect(
    _ members: [Int], _ vectors: [Float], _ dimensions: Int, _ generator: inout SeededGenerator
  ) -> ([Int], [Int]) {
    var mean = [Float](repeating: 0, count: dimensions)
    for member in members {
      for dimension in 0..<dimensions { mean[dimension] += vectors[member * dimensions + dimension] }
    }
    for dimension in 0..<dimensions { mean[dimension] /= Float(members.count) }
    var direction = (0..<dimensions).map { _ in Float(generator.nextUnit() - 0.5) }
    var next = [Float](repeating: 0, count: dimensions)
    for _ in 0..<defaultPowerIterations {
      for dimension in 0..<dimensions { next[dimension] = 0 }
      for member in members {
        var dot: Float = 0
        for dimension in 0..<dimensions {
          dot += (vectors[member * dimensions + dimension] - mean[dimension]) * direction[dimension]
        }
        for dimension in 0..<dimensions {
          next[dimension] += dot * (vectors[member * dimensions + dimension] - mean[dimension])
        }
      }
      var norm: Float = 0
      for dimension in 0..<dimensions { norm += next[dimension] * next[dimension] }
      norm = max(norm.squareRoot(), 1e-12)
      for dimension in 0..<dimensions { direction[dimension] = next[dimension] / norm }
    }
    var side = [Bool](repeating: false, count: members.count)
    for (position, member) in members.enumerated() {
      var dot: Float = 0
      for dimension in 0..<dimensions {
        dot += (vectors[member * dimensions + dimension] - mean[dimension]) * direction[dimension]
      }
      side[position] = dot > 0
    }
    for _ in 0..<defaultRefinements {
      var centroids = [[Float]](repeating: [Float](repeating: 0, count: dimensions), count: 2)
      var sizes = [0, 0]
      for (position, member) in members.enumerated() {
        let group = side[position] ? 1 : 0
        sizes[group] += 1
        for dimension in 0..<dimensions {
          centroids[group][dimension] += vectors[member * dimensions + dimension]
        }
      }
      guard sizes[0] > 0 && sizes[1] > 0 else { break }
      for (position, member) in members.enumerated() {
        var distances: [Float] = [0, 0]
        for group in 0..<2 {
          for dimension in 0..<dimensions {
            let difference =
              vectors[member * dimensions + dimension] - centroids[group][dimension] / Float(sizes[group])
            distances[group] += difference * difference
          }
        }
        side[position] = distances[1] < distances[0]
      }
    }
    var left: [Int] = []
    var right: [Int] = []
    for (position, member) in members.enumerated() {
      if side[position] { right.append(member) } else { left.append(member) }
    }
    return (left, right)
  }
}
