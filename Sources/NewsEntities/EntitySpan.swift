/// One entity found in a text, with its offsets in two units so that callers can use
/// whichever their storage speaks: UTF-8 bytes for slicing, Unicode scalars for reporting.
public struct EntitySpan: Sendable, Equatable, Hashable {
  public var kind: EntityKind
  /// Byte offsets into `text.utf8` (end exclusive).
  public var utf8Range: Range<Int>
  /// Unicode scalar (code point) offsets into `text.unicodeScalars` (end exclusive).
  public var scalarRange: Range<Int>
  /// The entity's surface text, exactly as it appears in the input.
  public var text: String

  public init(kind: EntityKind, utf8Range: Range<Int>, scalarRange: Range<Int>, text: String) {
    self.kind = kind
    self.utf8Range = utf8Range
    self.scalarRange = scalarRange
    self.text = text
  }
}
