import NewsEntities
import NewsModel

/// The entity stage of ingest: tags an article's passages and links the mentions.
///
/// The whole article is tagged at once, so that the tagger's document-level features and the
/// linker's acronym and surname rules see every passage.
public struct EntityAnnotator: Sendable {
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
    var spans: [EntityLinker.Span] = []
    for (passage, found) in tagger.entities(inParagraphs: article.passages).enumerated() {
      for span in found {
        guard let type = EntityType(rawValue: span.kind.rawValue) else { continue }
        spans.append(
          EntityLinker.Span(
            passage: passage, start: span.scalarRange.lowerBound, end: span.scalarRange.upperBound, type: type))
      }
    }
    let linked = linker.link(passages: article.passages, spans: spans)
    article.mentions = linked.mentions
    article.aliases = linked.aliases
  }
}
