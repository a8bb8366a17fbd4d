import Foundation
import NewsEntities

/// A labeled corpus read from CoNLL-2003 (IOB1, `-DOCSTART-` separated) or WikiANN (IOB2,
/// `en:` prefixed, no documents) files.
struct CoNLLCorpus {
  struct Document {
    var tokens: TokenizedDocument
    /// Gold spans per sentence (sentence-relative token indices).
    var gold: [[TokenSpan]]
    /// Gold BILOU tags for every token.
    var tags: [UInt8]
  }

  var documents: [Document] = []

  var tokenCount: Int { documents.reduce(0) { $0 + $1.tokens.tokenCount } }

  /// Reads a file; `sentencesPerDocument` groups sentences of document-less files (WikiANN).
  init(path: String, sentencesPerDocument: Int? = nil) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var sentences: [[String]] = []
    var sentenceLabels: [[Substring]] = []
    var tokens: [String] = []
    var labels: [Substring] = []
    func endSentence() {
      if !tokens.isEmpty {
        sentences.append(tokens)
        sentenceLabels.append(labels)
      }
      tokens = []
      labels = []
    }
    func endDocument() {
      endSentence()
      if !sentences.isEmpty { documents.append(Self.document(sentences, sentenceLabels)) }
      sentences = []
      sentenceLabels = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty {
        endSentence()
        if let sentencesPerDocument, sentences.count >= sentencesPerDocument { endDocument() }
        continue
      }
      if line.hasPrefix("-DOCSTART-") {
        endDocument()
        continue
      }
      if line.hasPrefix("en:") {
        let body = line.dropFirst(3)
        guard let tab = body.lastIndex(of: "\t") else { continue }
        tokens.append(String(body[..<tab]))
        labels.append(body[body.index(after: tab)...])
      } else {
        let fields = line.split(separator: " ")
        guard fields.count >= 2 else { continue }
        tokens.append(String(fields[0]))
        labels.append(fields[fields.count - 1])
      }
    }
    endDocument()
  }

  /// Converts IOB1 or IOB2 labels to spans: "B-" always opens a span, "I-" opens one unless it
  /// continues a span of the same type.
  static func spans(_ labels: [Substring]) -> [TokenSpan] {
    var spans: [TokenSpan] = []
    var open: (kind: EntityKind, start: Int)? = nil
    for (index, label) in labels.enumerated() {
      let parts = label.split(separator: "-", maxSplits: 1)
      guard parts.count == 2, let kind = EntityKind(conllLabel: parts[1]) else {
        if let current = open {
          spans.append(TokenSpan(kind: current.kind, start: current.start, end: index))
        }
        open = nil
        continue
      }
      if parts[0] == "B" || open == nil || open!.kind != kind {
        if let current = open {
          spans.append(TokenSpan(kind: current.kind, start: current.start, end: index))
        }
        open = (kind, index)
      }
    }
    if let current = open {
      spans.append(TokenSpan(kind: current.kind, start: current.start, end: labels.count))
    }
    return spans
  }

  private static func document(_ sentences: [[String]], _ labels: [[Substring]]) -> Document {
    let tokens = TokenizedDocument(sentences: sentences)
    let gold = labels.map(spans)
    var tags: [UInt8] = []
    for (sentence, spans) in gold.enumerated() {
      tags.append(contentsOf: BILOUTag.encode(spans, count: sentences[sentence].count))
    }
    return Document(tokens: tokens, gold: gold, tags: tags)
  }
}
