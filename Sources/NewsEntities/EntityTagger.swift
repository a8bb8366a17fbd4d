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
    return try EntityTagger(modelURL: modelURL, aliasURL: Bundle.module.url(forResource: defaultAliasResource, withExtension: "txt"))
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

  /// Finds entities in raw text, which is tokenized and split into sentences here. The whole
  /// text is treated as one document (the second pass looks across its sentences).
  public func entities(in text: String) -> [EntitySpan] {
    let document = tokenizer.tokenize(text)
    let sentences = spans(of: document)
    var result: [EntitySpan] = []
    let utf8 = text.utf8
    for (sentence, spans) in sentences.enumerated() {
      let offset = document.sentenceBounds[sentence]
      for span in spans {
        let first = offset + span.start
        let last = offset + span.end - 1
        let byteStart = Int(document.tokenStarts[first])
        let byteEnd = Int(document.tokenEnds[last])
        let startIndex = utf8.index(utf8.startIndex, offsetBy: byteStart)
        let endIndex = utf8.index(startIndex, offsetBy: byteEnd - byteStart)
        result.append(
          EntitySpan(
            kind: span.kind, utf8Range: byteStart..<byteEnd,
            scalarRange: Int(document.tokenScalarStarts[first])..<Int(document.tokenScalarEnds[last]),
            text: String(text[startIndex..<endIndex])))
      }
    }
    return result
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
