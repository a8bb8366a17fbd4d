import Foundation

/// Named-entity tagger for news text: a two-pass averaged perceptron over hashed token,
/// cluster, capitalization, gazetteer and document features, plus a shipped alias list.
///
/// Immutable after loading, so one instance can serve many threads.
public final class EntityTagger: Sendable {
  static let defaultModelResource = "NERModel"
  static let defaultAliasResource = "aliases"

  package let model: TaggerModel
  package let aliases: AliasList?
  private let tokenizer = TextTokenizer()

  package init(model: TaggerModel, aliases: AliasList?) {
    self.model = model
    self.aliases = aliases
  }

  public enum LoadError: Error, CustomStringConvertible {
    case missingResource(String)
    public var description: String {
      switch self {
      case .missingResource(let name): "bundled resource \(name) is missing"
      }
    }
  }

  /// Loaded on first use and shared afterwards (static lets are initialised lazily and once).
  private static let bundled: Result<EntityTagger, any Error> = Result {
    guard let modelURL = Bundle.module.url(forResource: defaultModelResource, withExtension: "bin") else {
      throw LoadError.missingResource("\(defaultModelResource).bin")
    }
    return try EntityTagger(
      modelURL: modelURL, aliasURL: Bundle.module.url(forResource: defaultAliasResource, withExtension: "txt")
    )
  }

  /// The tagger trained by NERTool and shipped inside the package.
  public static func loadBundled() throws -> EntityTagger {
    try bundled.get()
  }

  /// Loads a model file written by `NERTool train`, and optionally an alias list.
  public convenience init(modelURL: URL, aliasURL: URL? = nil) throws {
    let model = try ModelCodec.decode(Data(contentsOf: modelURL))
    let aliases = try aliasURL.map { AliasList(text: try String(contentsOf: $0, encoding: .utf8)) }
    self.init(model: model, aliases: aliases)
  }

  /// Finds entities in raw text, tokenized and split into sentences here.
  ///
  /// The whole text is treated as one document (the second pass looks across its sentences);
  /// a blank line ends a sentence.
  public func entities(in text: String) -> [EntitySpan] {
    let document = tokenizer.tokenize(text)
    var result: [EntitySpan] = []
    forEachEntity(in: document) { kind, first, last in
      result.append(entitySpan(kind, first, last, in: document, byteOffset: 0, scalarOffset: 0))
    }
    return result
  }

  /// Finds entities in an article given as its paragraphs, each paragraph's on its own.
  ///
  /// The paragraphs are tagged together as one document, so that document-level features see
  /// the whole article, and each paragraph starts a new sentence. Returns the entities of each
  /// paragraph, in order, with offsets (`utf8Range`, `scalarRange`) relative to that paragraph;
  /// no entity spans two paragraphs. Same tags as
  /// `entities(in: paragraphs.joined(separator: "\n\n"))`, without the join or the search for
  /// the paragraph of each entity.
  public func entities(inParagraphs paragraphs: [String]) -> [[EntitySpan]] {
    let (document, byteStarts, scalarStarts) = tokenizer.tokenize(paragraphs: paragraphs)
    var result = [[EntitySpan]](repeating: [], count: paragraphs.count)
    var paragraph = 0
    forEachEntity(in: document) { kind, first, last in
      let byteStart = Int(document.tokenStarts[first])
      while byteStart >= byteStarts[paragraph + 1] { paragraph += 1 }
      result[paragraph].append(
        entitySpan(
          kind, first, last, in: document, byteOffset: byteStarts[paragraph],
          scalarOffset: scalarStarts[paragraph]))
    }
    return result
  }

  /// Calls `body` with the kind, first and last token of every entity, in text order.
  private func forEachEntity(in document: TokenizedDocument, _ body: (EntityKind, Int, Int) -> Void) {
    for (sentence, spans) in spans(of: document).enumerated() {
      let offset = document.sentenceBounds[sentence]
      for span in spans { body(span.kind, offset + span.start, offset + span.end - 1) }
    }
  }

  private func entitySpan(
    _ kind: EntityKind, _ first: Int, _ last: Int, in document: TokenizedDocument, byteOffset: Int,
    scalarOffset: Int
  ) -> EntitySpan {
    let byteStart = Int(document.tokenStarts[first])
    let byteEnd = Int(document.tokenEnds[last])
    return EntitySpan(
      kind: kind, utf8Range: (byteStart - byteOffset)..<(byteEnd - byteOffset),
      scalarRange: (Int(document.tokenScalarStarts[first]) - scalarOffset)..<(Int(
        document.tokenScalarEnds[last]) - scalarOffset),
      text: String(decoding: document.bytes[byteStart..<byteEnd], as: UTF8.self))
  }

  /// Tags pre-tokenized sentences that form one document; spans index tokens of each sentence.
  public func tag(sentences: [[String]]) -> [[TokenSpan]] {
    spans(of: TokenizedDocument(sentences: sentences))
  }

  /// Tags one pre-tokenized sentence.
  public func tag(tokens: [String]) -> [TokenSpan] {
    tag(sentences: [tokens]).first ?? []
  }

  /// Spans per sentence, sentence-relative token indices.
  package func spans(of document: TokenizedDocument, useAliases: Bool = true) -> [[TokenSpan]] {
    let traits = FeatureExtractor.traits(of: document)
    let tags = model.tag(document, traits: traits)
    var result: [[TokenSpan]] = []
    result.reserveCapacity(document.sentenceCount)
    let aliasMatches = useAliases ? aliases.map { $0.matches(in: document, traits: traits) } : nil
    for sentence in 0..<document.sentenceCount {
      let range = document.sentenceRange(sentence)
      let predicted = BILOUTag.decode(Array(tags[range]))
      if let aliasMatches {
        result.append(AliasList.merge(predicted: predicted, aliases: aliasMatches[sentence]))
      } else {
        result.append(predicted)
      }
    }
    return result
  }
}
