/// BILOU tags as small integers: 0 is Outside, then Begin / Inside / Last / Unit for each kind.
/// BILOU rather than IOB because marking span ends explicitly helps a greedy tagger.
package enum BILOUTag {
  package static let outside: UInt8 = 0
  /// 1 + 4 kinds × 4 positions, as a literal so hot loops see a compile-time constant.
  package static let count = 17

  package enum Position: UInt8 { case begin = 0, inside, last, unit }

  @inline(__always)
  package static func make(_ kind: EntityKind, _ position: Position) -> UInt8 {
    UInt8(1 + kind.index * 4) + position.rawValue
  }

  @inline(__always)
  package static func kindIndex(_ tag: UInt8) -> Int { (Int(tag) - 1) >> 2 }

  @inline(__always)
  package static func position(_ tag: UInt8) -> Position {
    Position(rawValue: (tag - 1) & 3)!
  }

  /// Whether `next` may follow `previous` (a span that was opened must be continued or closed
  /// with the same kind; nothing may continue a span that was not opened).
  @inline(__always)
  package static func isAllowed(previous: UInt8, next: UInt8) -> Bool {
    let previousOpen = previous != outside && (position(previous) == .begin || position(previous) == .inside)
    if next == outside {
      return !previousOpen
    }
    let nextPosition = position(next)
    let continues = nextPosition == .inside || nextPosition == .last
    if previousOpen {
      return continues && kindIndex(previous) == kindIndex(next)
    }
    return !continues
  }

  /// Encodes spans over `count` tokens as BILOU tags.
  package static func encode(_ spans: [TokenSpan], count: Int) -> [UInt8] {
    var tags = [UInt8](repeating: outside, count: count)
    for span in spans where span.end > span.start {
      if span.end - span.start == 1 {
        tags[span.start] = make(span.kind, .unit)
        continue
      }
      tags[span.start] = make(span.kind, .begin)
      for index in (span.start + 1)..<(span.end - 1) { tags[index] = make(span.kind, .inside) }
      tags[span.end - 1] = make(span.kind, .last)
    }
    return tags
  }

  /// Decodes tags into spans leniently: a span that is never closed ends where the next span or
  /// an Outside tag begins, so a malformed sequence still yields sensible spans.
  package static func decode(_ tags: [UInt8]) -> [TokenSpan] {
    var spans: [TokenSpan] = []
    var openStart = -1
    var openKind = 0
    func close(at end: Int) {
      if openStart >= 0, let kind = EntityKind(index: openKind) {
        spans.append(TokenSpan(kind: kind, start: openStart, end: end))
      }
      openStart = -1
    }
    for (index, tag) in tags.enumerated() {
      if tag == outside {
        close(at: index)
        continue
      }
      let kind = kindIndex(tag)
      switch position(tag) {
      case .begin, .unit:
        close(at: index)
        openStart = index
        openKind = kind
      case .inside, .last:
        if openStart < 0 || openKind != kind {
          close(at: index)
          openStart = index
          openKind = kind
        }
      }
      if position(tag) == .unit || position(tag) == .last { close(at: index + 1) }
    }
    close(at: tags.count)
    return spans
  }
}
