import Testing

@testable import NewsEntities

@Suite("Span evaluator")
struct SpanEvaluatorTests {
  @Test("counts only exact typed spans, micro-averaged")
  func conllevalLogic() {
    var evaluator = SpanEvaluator()
    evaluator.add(
      gold: [TokenSpan(kind: .person, start: 0, end: 2), TokenSpan(kind: .place, start: 3, end: 4)],
      predicted: [
        TokenSpan(kind: .person, start: 0, end: 2), TokenSpan(kind: .organization, start: 3, end: 4),
        TokenSpan(kind: .other, start: 5, end: 6),
      ])
    evaluator.add(
      gold: [TokenSpan(kind: .organization, start: 0, end: 3)],
      predicted: [TokenSpan(kind: .organization, start: 0, end: 2)])
    #expect(evaluator.overall == SpanEvaluator.Counts(correct: 1, predicted: 4, gold: 3))
    #expect(abs(evaluator.overall.precision - 0.25) < 1e-9)
    #expect(abs(evaluator.overall.recall - 1.0 / 3) < 1e-9)
    #expect(abs(evaluator.overall.f1 - 2 * 0.25 * (1.0 / 3) / (0.25 + 1.0 / 3)) < 1e-9)
    #expect(evaluator.byKind[.person]?.f1 == 1)
    #expect(evaluator.byKind[.place]?.recall == 0)
  }
}
