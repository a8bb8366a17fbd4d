import Foundation

/// conlleval-style scoring: a predicted entity counts only if its kind and exact token
/// boundaries match a gold entity; precision, recall and F1 are micro-averaged over all spans.
public struct SpanEvaluator: Sendable {
  public struct Counts: Sendable, Equatable {
    public var correct = 0
    public var predicted = 0
    public var gold = 0

    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    public var f1: Double {
      let sum = precision + recall
      return sum == 0 ? 0 : 2 * precision * recall / sum
    }
  }

  public private(set) var overall = Counts()
  public private(set) var byKind: [EntityKind: Counts] = [:]

  public init() {}

  /// Adds one sentence (or document): spans are compared as sets.
  public mutating func add(gold: [TokenSpan], predicted: [TokenSpan]) {
    let goldSet = Set(gold)
    for span in predicted {
      overall.predicted += 1
      byKind[span.kind, default: Counts()].predicted += 1
      if goldSet.contains(span) {
        overall.correct += 1
        byKind[span.kind, default: Counts()].correct += 1
      }
    }
    for span in gold {
      overall.gold += 1
      byKind[span.kind, default: Counts()].gold += 1
    }
  }

  /// A conlleval-like report.
  public var report: String {
    func line(_ label: String, _ counts: Counts) -> String {
      func percent(_ value: Double) -> String { String(format: "%6.2f%%", value * 100) }
      return
        "\(label.padding(toLength: 8, withPad: " ", startingAt: 0)) precision: \(percent(counts.precision))"
        + "; recall: \(percent(counts.recall)); FB1: \(percent(counts.f1))  (\(counts.predicted) predicted, \(counts.gold) gold)"
    }
    var lines = [line("overall", overall)]
    for kind in EntityKind.allCases { lines.append(line(kind.conllLabel, byKind[kind] ?? Counts())) }
    return lines.joined(separator: "\n")
  }
}
