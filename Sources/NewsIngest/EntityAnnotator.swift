import NewsEntities
import NewsModel

/// The entity stage of ingest: tags an article's passages and links the mentions.
///
/// The whole article is tagged at once, so that the tagger's document-level features and the
/// linker's acronym and surname rules see every passage.
public struct EntityAnnotator: Sendable {
  /// Separates passages in the text given to the tagger: a paragraph break, two code points.
  static let passageSeparator = "\n\n"

  let tagger: EntityTagger
  let linker: EntityLinker

  public init(tagger: EntityTagger, names: CanonicalNameTable) {
    self.tagger = tagger
    self.linker = EntityLinker(names: names)
  }

  /// The bundled tagger and name list, extended by a user's alias file.
  public static func bundled(extraNames: CanonicalNameTable? = nil) throws -> EntityAnnotator {
    var names = try CanonicalNameTable.bundled()
    if let extraNames { names.merge(extraNames) }
    return EntityAnnotator(tagger: try EntityTagger.loadBundled(), names: names)
  }

  public func annotate(_ article: inout Article) {
    var starts: [Int] = []
    var offset = 0
    for passage in article.passages {
      starts.append(offset)
      offset += passage.unicodeScalars.count + EntityAnnotator.passageSeparator.unicodeScalars.count
    }
    let text = article.passages.joined(separator: EntityAnnotator.passageSeparator)
    var spans: [EntityLinker.Span] = []
    for found in tagger.entities(in: text) {
      // The passage holding the span; a span across a passage break is dropped.
      var low = 0
      var high = starts.count - 1
      while low < high {
        let middle = (low + high + 1) / 2
        if starts[middle] <= found.scalarRange.lowerBound { low = middle } else { high = middle - 1 }
      }
      let start = found.scalarRange.lowerBound - starts[low]
      let end = found.scalarRange.upperBound - starts[low]
      guard end <= article.passages[low].unicodeScalars.count,
        let type = EntityType(rawValue: found.kind.rawValue)
      else { continue }
      spans.append(EntityLinker.Span(passage: low, start: start, end: end, type: type))
    }
    let linked = linker.link(passages: article.passages, spans: spans)
    article.mentions = linked.mentions
    article.aliases = linked.aliases
  }
}
