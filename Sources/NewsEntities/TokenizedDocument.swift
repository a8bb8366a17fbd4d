/// A document as the tagger sees it: one UTF-8 byte buffer, token byte ranges into it, and
/// the token indices where sentences start. Keeping everything in flat arrays means tagging
/// never allocates a String per token.
package struct TokenizedDocument: Sendable {
  package var bytes: [UInt8]
  package var tokenStarts: [Int32]
  package var tokenEnds: [Int32]
  /// Unicode scalar offset of each token start and end (for reporting code-point offsets).
  package var tokenScalarStarts: [Int32]
  package var tokenScalarEnds: [Int32]
  /// Index of each sentence's first token, followed by `tokenCount` as a sentinel.
  package var sentenceBounds: [Int]

  package init() {
    bytes = []
    tokenStarts = []
    tokenEnds = []
    tokenScalarStarts = []
    tokenScalarEnds = []
    sentenceBounds = [0]
  }

  /// Builds a document from already-tokenized sentences (CoNLL files), joining tokens with
  /// spaces so that offsets stay meaningful.
  package init(sentences: [[String]]) {
    self.init()
    for sentence in sentences {
      for token in sentence { appendToken(token) }
      endSentence()
    }
  }

  package var tokenCount: Int { tokenStarts.count }
  package var sentenceCount: Int { sentenceBounds.count - 1 }

  package func sentenceRange(_ sentence: Int) -> Range<Int> {
    sentenceBounds[sentence]..<sentenceBounds[sentence + 1]
  }

  package mutating func appendToken(_ token: String) {
    if !bytes.isEmpty { bytes.append(32) }
    let scalarStart = Int32(tokenScalarEnds.last.map { $0 + 1 } ?? 0)
    tokenStarts.append(Int32(bytes.count))
    bytes.append(contentsOf: token.utf8)
    tokenEnds.append(Int32(bytes.count))
    tokenScalarStarts.append(scalarStart)
    tokenScalarEnds.append(scalarStart + Int32(token.unicodeScalars.count))
  }

  /// Closes the current sentence (no-op if it is empty).
  package mutating func endSentence() {
    if sentenceBounds.last! < tokenCount { sentenceBounds.append(tokenCount) }
  }

  package func tokenText(_ index: Int) -> String {
    String(decoding: bytes[Int(tokenStarts[index])..<Int(tokenEnds[index])], as: UTF8.self)
  }
}
