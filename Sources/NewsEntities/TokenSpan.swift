/// A typed run of tokens `[start, end)` inside one sentence: the unit the tagger predicts and
/// the span evaluator compares.
public struct TokenSpan: Sendable, Equatable, Hashable {
  public var kind: EntityKind
  public var start: Int
  public var end: Int

  public init(kind: EntityKind, start: Int, end: Int) {
    self.kind = kind
    self.start = start
    self.end = end
  }
}
